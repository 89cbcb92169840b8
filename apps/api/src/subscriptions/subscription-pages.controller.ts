import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { createElement } from 'react';
import { DomainError, fieldErrorsOf, NotFoundError } from '@app/platform';
import { preferencesSchema, subscribeSchema, subscriptionChoicesSchema } from '@app/subscribers';
import { PAGE_HEADERS, renderPage } from '../pages/page-layout.js';
import { PreferencesPage, type PreferencesFormValues } from '../pages/preferences-page.js';
import { ActionPage, CheckInboxPage, ConfirmPage, HomePage, MessagePage, type SubscribeFormValues } from '../pages/subscription-pages.js';
import { readChoicesForm, readPreferencesForm, readSubscribeForm, textFieldsOf } from './form-input.js';
import { SubscriptionService, type PreferencesView } from './subscription.service.js';
import { TopicCatalogService } from './topic-catalog.service.js';

function sendPage(res: Response, status: number, element: ReturnType<typeof createElement>) {
  res.status(status).set(PAGE_HEADERS).type('html').send(renderPage(element));
}

const usedConfirmLink = () =>
  createElement(MessagePage, {
    title: 'This link was already used',
    children: createElement(
      'p',
      null,
      'A confirmation link works once, and only the newest one sent to an address works. If you confirmed, your digests carry a link to your preferences; otherwise ',
      createElement('a', { href: '/' }, 'subscribe again'),
      ' for a new link.',
    ),
  });

const invalidLink = () =>
  createElement(MessagePage, {
    title: 'This link is not valid',
    children: createElement('p', null, 'It may have expired or been changed. ', createElement('a', { href: '/' }, 'Subscribe again'), ' to get a new one.'),
  });

/** Answers a page about a link; a link that is not valid (any more) gets the 404 page. */
async function forLink(res: Response, answer: () => Promise<void>): Promise<void> {
  try {
    await answer();
  } catch (error) {
    if (error instanceof NotFoundError) return sendPage(res, 404, invalidLink());
    throw error;
  }
}

/** The subscriber-facing web pages: plain HTML forms over the same service as the JSON API. */
@ApiExcludeController()
@Controller()
export class SubscriptionPagesController {
  constructor(
    @Inject(SubscriptionService) private readonly subscriptions: SubscriptionService,
    @Inject(TopicCatalogService) private readonly catalog: TopicCatalogService,
  ) {}

  @Get()
  async home(@Res() res: Response) {
    sendPage(res, 200, createElement(HomePage, { topics: await this.catalog.list() }));
  }

  @Post('subscribe')
  async subscribe(@Body() body: unknown, @Res() res: Response) {
    const { input, errors } = readSubscribeForm(body);
    const parsed = subscribeSchema.safeParse(input);
    const typed = textFieldsOf(body);
    const values: SubscribeFormValues = {
      email: input.email,
      topics: input.topics,
      keywords: typeof typed.keywords === 'string' ? typed.keywords : '',
      timezone: input.timezone,
      frequency: input.frequency,
    };
    if (!parsed.success || Object.keys(errors).length) {
      const fields = { ...(parsed.success ? {} : fieldErrorsOf(parsed.error).fields), ...errors };
      return sendPage(res, 400, createElement(HomePage, { topics: await this.catalog.list(), values, errors: fields }));
    }
    try {
      await this.subscriptions.subscribe(parsed.data);
    } catch (error) {
      if (error instanceof DomainError && error.status < 500) {
        return sendPage(res, error.status, createElement(HomePage, { topics: await this.catalog.list(), values, errors: error.fields ?? { email: error.message } }));
      }
      throw error;
    }
    res.redirect(303, '/check-inbox');
  }

  @Get('check-inbox')
  checkInbox(@Res() res: Response) {
    sendPage(res, 200, createElement(CheckInboxPage));
  }

  @Get('confirm/:token')
  async confirmPage(@Param('token') token: string, @Res() res: Response) {
    await forLink(res, async () => {
      const confirmation = await this.subscriptions.confirmation(token);
      if (confirmation.state === 'used') return sendPage(res, 410, usedConfirmLink());
      const { choices } = confirmation;
      const values: SubscribeFormValues = { topics: choices.topics, keywords: choices.keywords?.join(', ') ?? '', timezone: choices.timezone, frequency: choices.frequency };
      sendPage(res, 200, await this.confirmElement(token, confirmation.email, values));
    });
  }

  /** Confirms with the request's choices (an empty POST), or with the ones reviewed on the confirmation page. */
  @Post('confirm/:token')
  async confirm(@Param('token') token: string, @Body() body: unknown, @Res() res: Response) {
    const reviewed = typeof body === 'object' && body !== null && 'review' in body;
    const { input, errors } = readChoicesForm(reviewed ? body : {});
    const typed = textFieldsOf(body);
    const values: SubscribeFormValues = { topics: input.topics, keywords: typeof typed.keywords === 'string' ? typed.keywords : '', timezone: input.timezone, frequency: input.frequency };
    // Shows the form again with the reasons, unless the link is used or not valid.
    const reshow = async (status: number, fields: Record<string, string>) => {
      const confirmation = await this.subscriptions.confirmation(token);
      if (confirmation.state === 'used') return sendPage(res, 410, usedConfirmLink());
      sendPage(res, status, await this.confirmElement(token, confirmation.email, values, fields));
    };
    try {
      const parsed = subscriptionChoicesSchema.safeParse(input);
      if (reviewed && (!parsed.success || Object.keys(errors).length)) return await reshow(400, { ...(parsed.success ? {} : fieldErrorsOf(parsed.error).fields), ...errors });
      const outcome = await this.subscriptions.confirm(token, reviewed && parsed.success ? parsed.data : undefined);
      if (outcome.state === 'used') return sendPage(res, 410, usedConfirmLink());
      sendPage(
        res,
        200,
        createElement(MessagePage, {
          title: 'You are subscribed',
          children: [
            createElement('p', { key: 'p' }, 'Your first digest arrives at your delivery hour. Choose what it covers:'),
            createElement('a', { key: 'a', className: 'button', href: `/preferences/${outcome.manageToken}` }, 'Choose topics and keywords'),
          ],
        }),
      );
    } catch (error) {
      if (error instanceof NotFoundError) return sendPage(res, 404, invalidLink());
      if (error instanceof DomainError && error.status < 500) return reshow(error.status, error.fields ?? {}).catch(() => sendPage(res, 404, invalidLink()));
      throw error;
    }
  }

  @Get('unsubscribe/:token')
  async unsubscribePage(@Param('token') token: string, @Res() res: Response) {
    if (!(await this.subscriptions.isUnsubscribeLink(token))) return sendPage(res, 404, invalidLink());
    sendPage(
      res,
      200,
      createElement(ActionPage, {
        title: 'Unsubscribe',
        lead: 'Stop the Paperboy digest for this address.',
        action: `/unsubscribe/${encodeURIComponent(token)}`,
        button: 'Unsubscribe',
        danger: true,
      }),
    );
  }

  /**
   * Also the RFC 8058 one-click endpoint: mail providers POST
   * `List-Unsubscribe=One-Click` here, without cookies, and want a 200 without redirect.
   */
  @Post('unsubscribe/:token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async unsubscribe(@Param('token') token: string, @Res() res: Response) {
    await forLink(res, async () => {
      await this.subscriptions.unsubscribe(token);
      sendPage(
        res,
        200,
        createElement(MessagePage, {
          title: 'You are unsubscribed',
          children: createElement('p', null, 'No more digests will be sent to this address. Changed your mind? ', createElement('a', { href: '/' }, 'Subscribe again'), '.'),
        }),
      );
    });
  }

  @Get('preferences/:token')
  async preferencesPage(@Param('token') token: string, @Res() res: Response) {
    await forLink(res, async () => {
      const view = await this.subscriptions.preferences(token);
      sendPage(res, 200, await this.preferencesElement(token, view, toFormValues(view)));
    });
  }

  @Post('preferences/:token')
  async savePreferences(@Param('token') token: string, @Body() body: unknown, @Res() res: Response) {
    try {
      const { input, errors } = readPreferencesForm(body);
      const parsed = preferencesSchema.safeParse(input);
      if (!parsed.success || Object.keys(errors).length) {
        // Loaded only to redraw the form; a valid form goes straight to the update, which checks the token itself.
        const current = await this.subscriptions.preferences(token);
        const values = { ...toFormValues(current), ...formEcho(body) };
        const fields = { ...(parsed.success ? {} : fieldErrorsOf(parsed.error).fields), ...errors };
        return sendPage(res, 400, await this.preferencesElement(token, current, values, fields));
      }
      const view = await this.subscriptions.updatePreferences(token, parsed.data);
      sendPage(res, 200, await this.preferencesElement(token, view, toFormValues(view), {}, true));
    } catch (error) {
      if (error instanceof NotFoundError) return sendPage(res, 404, invalidLink());
      if (error instanceof DomainError && error.status < 500) {
        const current = await this.subscriptions.preferences(token);
        return sendPage(res, error.status, await this.preferencesElement(token, current, { ...toFormValues(current), ...formEcho(body) }, error.fields ?? {}));
      }
      throw error;
    }
  }

  @Post('preferences/:token/erase')
  async erase(@Param('token') token: string, @Res() res: Response) {
    await forLink(res, async () => {
      await this.subscriptions.erase(token);
      sendPage(res, 200, createElement(MessagePage, { title: 'Erased', children: createElement('p', null, 'Your subscription and all its data are gone.') }));
    });
  }

  @Get('preferences/:token/sign-out')
  async signOutPage(@Param('token') token: string, @Res() res: Response) {
    await forLink(res, async () => {
      await this.subscriptions.preferences(token);
      sendPage(
        res,
        200,
        createElement(ActionPage, {
          title: 'Sign out every link',
          lead: 'Every link Paperboy has sent you so far (preferences, unsubscribe, feedback, view in browser) stops working, including this one. A fresh link to your preferences is emailed to you; digests from now on carry new links.',
          action: `/preferences/${encodeURIComponent(token)}/sign-out`,
          button: 'Sign out every link',
          danger: true,
        }),
      );
    });
  }

  @Post('preferences/:token/sign-out')
  async signOut(@Param('token') token: string, @Res() res: Response) {
    await forLink(res, async () => {
      const { email } = await this.subscriptions.signOutEveryLink(token);
      sendPage(
        res,
        200,
        createElement(MessagePage, {
          title: 'Every link is signed out',
          children: createElement('p', null, `The links sent to you so far no longer work. A fresh link to your preferences is on its way to ${email}.`),
        }),
      );
    });
  }

  private async confirmElement(token: string, email: string, values: SubscribeFormValues, errors: Record<string, string> = {}) {
    return createElement(ConfirmPage, { action: `/confirm/${encodeURIComponent(token)}`, email, topics: await this.catalog.list(), values, errors });
  }

  private async preferencesElement(token: string, view: PreferencesView, values: PreferencesFormValues, errors: Record<string, string> = {}, saved = false) {
    return createElement(PreferencesPage, { token, unsubscribeUrl: view.unsubscribeUrl, topics: await this.catalog.list(), values, errors, saved });
  }
}

function toFormValues(view: PreferencesView): PreferencesFormValues {
  return {
    email: view.email,
    status: view.status,
    topics: view.topics,
    keywords: view.keywords.join(', '),
    frequency: view.frequency,
    weeklyDay: String(view.weeklyDay),
    deliveryHour: String(view.deliveryHour),
    timezone: view.timezone,
    maxPapers: String(view.maxPapers),
    minUpvotes: view.minUpvotes === null ? '' : String(view.minUpvotes),
  };
}

/** What the user typed, shown back after an error so nothing is lost. */
function formEcho(body: unknown): Partial<PreferencesFormValues> {
  const typed = textFieldsOf(body);
  const echo: Partial<PreferencesFormValues> = {};
  for (const key of ['keywords', 'frequency', 'weeklyDay', 'deliveryHour', 'timezone', 'maxPapers', 'minUpvotes'] as const) {
    const value = typed[key];
    if (typeof value === 'string') echo[key] = value;
  }
  const topics = typed.topics;
  echo.topics = topics === undefined ? [] : Array.isArray(topics) ? topics : [topics];
  return echo;
}
