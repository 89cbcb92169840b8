import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { createElement } from 'react';
import { DomainError, fieldErrorsOf, NotFoundError } from '@app/platform';
import { preferencesSchema, subscribeSchema } from '@app/subscribers';
import { PAGE_HEADERS, renderPage } from '../pages/page-layout.js';
import { PreferencesPage, type PreferencesFormValues } from '../pages/preferences-page.js';
import { ActionPage, CheckInboxPage, HomePage, MessagePage, type SubscribeFormValues } from '../pages/subscription-pages.js';
import { readPreferencesForm, readSubscribeForm, textFieldsOf } from './form-input.js';
import { SubscriptionService, type PreferencesView } from './subscription.service.js';
import { TopicCatalogService } from './topic-catalog.service.js';

function sendPage(res: Response, status: number, element: ReturnType<typeof createElement>) {
  res.status(status).set(PAGE_HEADERS).type('html').send(renderPage(element));
}

const invalidLink = () =>
  createElement(MessagePage, {
    title: 'This link is not valid',
    children: createElement('p', null, 'It may have expired or been changed. ', createElement('a', { href: '/' }, 'Subscribe again'), ' to get a new one.'),
  });

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
  confirmPage(@Param('token') token: string, @Res() res: Response) {
    sendPage(
      res,
      200,
      createElement(ActionPage, {
        title: 'Confirm your subscription',
        lead: 'One click and your daily digest of trending papers starts.',
        action: `/confirm/${encodeURIComponent(token)}`,
        button: 'Confirm my subscription',
      }),
    );
  }

  @Post('confirm/:token')
  async confirm(@Param('token') token: string, @Res() res: Response) {
    try {
      const { manageToken } = await this.subscriptions.confirm(token);
      sendPage(
        res,
        200,
        createElement(MessagePage, {
          title: 'You are subscribed',
          children: [
            createElement('p', { key: 'p' }, 'Your first digest arrives at your delivery hour. Choose what it covers:'),
            createElement('a', { key: 'a', className: 'button', href: `/preferences/${manageToken}` }, 'Choose topics and keywords'),
          ],
        }),
      );
    } catch (error) {
      if (error instanceof NotFoundError) return sendPage(res, 404, invalidLink());
      throw error;
    }
  }

  @Get('unsubscribe/:token')
  unsubscribePage(@Param('token') token: string, @Res() res: Response) {
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
    try {
      await this.subscriptions.unsubscribe(token);
    } catch (error) {
      if (error instanceof NotFoundError) return sendPage(res, 404, invalidLink());
      throw error;
    }
    sendPage(
      res,
      200,
      createElement(MessagePage, {
        title: 'You are unsubscribed',
        children: createElement('p', null, 'No more digests will be sent to this address. Changed your mind? ', createElement('a', { href: '/' }, 'Subscribe again'), '.'),
      }),
    );
  }

  @Get('preferences/:token')
  async preferencesPage(@Param('token') token: string, @Res() res: Response) {
    try {
      const view = await this.subscriptions.preferences(token);
      sendPage(res, 200, await this.preferencesElement(token, view, toFormValues(view)));
    } catch (error) {
      if (error instanceof NotFoundError) return sendPage(res, 404, invalidLink());
      throw error;
    }
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
    try {
      await this.subscriptions.erase(token);
    } catch (error) {
      if (error instanceof NotFoundError) return sendPage(res, 404, invalidLink());
      throw error;
    }
    sendPage(res, 200, createElement(MessagePage, { title: 'Erased', children: createElement('p', null, 'Your subscription and all its data are gone.') }));
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
