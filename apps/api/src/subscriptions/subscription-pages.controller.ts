import { Body, Controller, Header, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { createElement } from 'react';
import { z } from 'zod';
import { DomainError, NotFoundError } from '@app/platform';
import { FORM_BODY_LIMIT, linkToken, manageTokenParams } from '../openapi/api-schemas.js';
import { defineOperation, Input, Operation, type OperationInput, type OperationSpec, SITE_PAGE } from '../openapi/operation.js';
import { PAGE_HEADERS, renderPage } from '../pages/page-layout.js';
import { PreferencesPage, type PreferencesFormValues } from '../pages/preferences-page.js';
import { ActionPage, CheckInboxPage, ConfirmPage, HomePage, MessagePage, type SubscribeFormValues } from '../pages/subscription-pages.js';
import { confirmFormSchema, preferencesFormSchema, subscribeFormSchema, textFieldsOf } from './form-input.js';
import { SubscriptionService, type PreferencesView } from '@app/subscribers';
import { TopicCatalogService } from './topic-catalog.service.js';

const INVALID_LINK = 'The link is not valid (changed, expired, signed out, or its subscriber erased): a page saying so.';
const token = (description: string) => z.object({ token: linkToken(description) });
const confirmToken = token('The token of a confirmation link');
const unsubscribeToken = token('The token of an unsubscribe link');
/** A form with no fields of its own (one button); whatever it carries is ignored. */
const buttonForm = { content: { 'application/x-www-form-urlencoded': z.object({}) }, limitBytes: FORM_BODY_LIMIT } satisfies OperationSpec['body'];
const form = <S extends z.ZodType>(schema: S, description: string) =>
  ({ content: { 'application/x-www-form-urlencoded': schema }, limitBytes: FORM_BODY_LIMIT, required: true, invalid: 'handler', description }) as const;

const HOME = defineOperation({ ...SITE_PAGE, method: 'get', path: '/', operationId: 'homePage', summary: 'The home page, with the subscribe form', success: { status: 200, description: 'The page' } });

const SUBSCRIBE = defineOperation({
  ...SITE_PAGE,
  method: 'post',
  path: '/subscribe',
  operationId: 'subscribeForm',
  summary: 'The subscribe form (the same rules as POST /api/subscribe)',
  body: form(subscribeFormSchema, 'The home page\'s form'),
  success: { status: 303, description: 'Accepted: on to /check-inbox', contentType: null, headers: z.object({ Location: z.literal('/check-inbox') }) },
  errors: { 503: 'Paperboy cannot queue emails right now: the form again, saying so.' },
});

const CHECK_INBOX = defineOperation({ ...SITE_PAGE, method: 'get', path: '/check-inbox', operationId: 'checkInboxPage', summary: 'After subscribing', success: { status: 200, description: 'The page' } });

const USED = 'The link was used, or a newer one was sent since: a page saying so.';

const CONFIRM_PAGE = defineOperation({
  ...SITE_PAGE,
  method: 'get',
  path: '/confirm/{token}',
  operationId: 'confirmPage',
  summary: 'What a confirmation link would activate, with a button to confirm (a GET changes nothing)',
  params: confirmToken,
  success: { status: 200, description: 'The page' },
  errors: { 404: INVALID_LINK, 410: USED },
});

const CONFIRM = defineOperation({
  ...SITE_PAGE,
  method: 'post',
  path: '/confirm/{token}',
  operationId: 'confirm',
  summary: 'Confirm a subscription, as requested or as reviewed on the page',
  params: confirmToken,
  body: form(confirmFormSchema, "The confirmation page's form: empty to confirm the request as it was made"),
  success: { status: 200, description: 'Subscribed: a link to the preferences' },
  errors: { 404: INVALID_LINK, 410: USED },
});

const UNSUBSCRIBE_PAGE = defineOperation({
  ...SITE_PAGE,
  method: 'get',
  path: '/unsubscribe/{token}',
  operationId: 'unsubscribePage',
  summary: 'One button to unsubscribe (a GET changes nothing)',
  params: unsubscribeToken,
  success: { status: 200, description: 'The page' },
  errors: { 404: INVALID_LINK },
});

const oneClick = z.object({ 'List-Unsubscribe': z.literal('One-Click').optional() });

const UNSUBSCRIBE = defineOperation({
  ...SITE_PAGE,
  method: 'post',
  path: '/unsubscribe/{token}',
  operationId: 'unsubscribe',
  summary: 'Unsubscribe; also the RFC 8058 one-click endpoint (idempotent)',
  params: unsubscribeToken,
  body: { content: { 'application/x-www-form-urlencoded': oneClick, 'multipart/form-data': oneClick }, limitBytes: FORM_BODY_LIMIT, description: 'Ignored: what mail providers send (RFC 8058)' },
  success: { status: 200, description: 'Unsubscribed (no redirect, as RFC 8058 asks)' },
  errors: { 404: INVALID_LINK },
});

const PREFERENCES_PAGE = defineOperation({
  ...SITE_PAGE,
  method: 'get',
  path: '/preferences/{token}',
  operationId: 'preferencesPage',
  summary: 'The preferences form',
  params: manageTokenParams,
  success: { status: 200, description: 'The page' },
  errors: { 404: INVALID_LINK },
});

const SAVE_PREFERENCES = defineOperation({
  ...SITE_PAGE,
  method: 'post',
  path: '/preferences/{token}',
  operationId: 'savePreferences',
  summary: 'Save the preferences form (every preference at once)',
  params: manageTokenParams,
  body: form(preferencesFormSchema, "The preferences page's form"),
  success: { status: 200, description: 'Saved: the form again' },
  errors: { 404: INVALID_LINK },
});

const ERASE = defineOperation({
  ...SITE_PAGE,
  method: 'post',
  path: '/preferences/{token}/erase',
  operationId: 'erasePage',
  summary: 'Erase the subscriber and all their data',
  params: manageTokenParams,
  body: buttonForm,
  success: { status: 200, description: 'Erased' },
  errors: { 404: INVALID_LINK },
});

const SIGN_OUT_PAGE = defineOperation({
  ...SITE_PAGE,
  method: 'get',
  path: '/preferences/{token}/sign-out',
  operationId: 'signOutPage',
  summary: 'One button to sign out every link',
  params: manageTokenParams,
  success: { status: 200, description: 'The page' },
  errors: { 404: INVALID_LINK },
});

const SIGN_OUT = defineOperation({
  ...SITE_PAGE,
  method: 'post',
  path: '/preferences/{token}/sign-out',
  operationId: 'signOut',
  summary: 'Sign out every link sent so far; a fresh manage link is emailed',
  params: manageTokenParams,
  body: buttonForm,
  success: { status: 200, description: 'Signed out' },
  errors: { 404: INVALID_LINK, 503: 'Paperboy cannot queue emails right now, so nothing was changed.' },
});

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
@Controller()
export class SubscriptionPagesController {
  constructor(
    @Inject(SubscriptionService) private readonly subscriptions: SubscriptionService,
    @Inject(TopicCatalogService) private readonly catalog: TopicCatalogService,
  ) {}

  @Operation(HOME)
  async home(@Res() res: Response) {
    sendPage(res, 200, createElement(HomePage, { topics: await this.catalog.list() }));
  }

  @Operation(SUBSCRIBE)
  async subscribe(@Input() { body: outcome }: OperationInput<typeof SUBSCRIBE>, @Body() body: unknown, @Res() res: Response) {
    const values = choicesEcho(body);
    if (!outcome.ok) return sendPage(res, 400, createElement(HomePage, { topics: await this.catalog.list(), values, errors: outcome.fields }));
    try {
      await this.subscriptions.subscribe(outcome.value);
    } catch (error) {
      if (error instanceof DomainError && error.status < 500) {
        return sendPage(res, error.status, createElement(HomePage, { topics: await this.catalog.list(), values, errors: error.fields ?? { email: error.message } }));
      }
      throw error;
    }
    res.redirect(303, '/check-inbox');
  }

  @Operation(CHECK_INBOX)
  checkInbox(@Res() res: Response) {
    sendPage(res, 200, createElement(CheckInboxPage));
  }

  @Operation(CONFIRM_PAGE)
  async confirmPage(@Input() { params: { token } }: OperationInput<typeof CONFIRM_PAGE>, @Res() res: Response) {
    await forLink(res, async () => {
      const confirmation = await this.subscriptions.confirmation(token);
      if (confirmation.state === 'used') return sendPage(res, 410, usedConfirmLink());
      const { choices } = confirmation;
      const values: SubscribeFormValues = { topics: choices.topics, keywords: choices.keywords?.join(', ') ?? '', timezone: choices.timezone, frequency: choices.frequency };
      sendPage(res, 200, await this.confirmElement(token, confirmation.email, values));
    });
  }

  /** Confirms with the request's choices (an empty POST), or with the ones reviewed on the confirmation page. */
  @Operation(CONFIRM)
  async confirm(@Input() { params: { token }, body: outcome }: OperationInput<typeof CONFIRM>, @Body() body: unknown, @Res() res: Response) {
    const values = choicesEcho(body);
    // Shows the form again with the reasons, unless the link is used or not valid.
    const reshow = async (status: number, fields: Record<string, string>) => {
      const confirmation = await this.subscriptions.confirmation(token);
      if (confirmation.state === 'used') return sendPage(res, 410, usedConfirmLink());
      sendPage(res, status, await this.confirmElement(token, confirmation.email, values, fields));
    };
    try {
      if (!outcome.ok) return await reshow(400, outcome.fields);
      // Without `review`, the request's own choices.
      const confirmed = await this.subscriptions.confirm(token, outcome.value);
      if (confirmed.state === 'used') return sendPage(res, 410, usedConfirmLink());
      sendPage(
        res,
        200,
        createElement(MessagePage, {
          title: 'You are subscribed',
          children: [
            createElement('p', { key: 'p' }, 'Your first digest arrives at your delivery hour. Choose what it covers:'),
            createElement('a', { key: 'a', className: 'button', href: `/preferences/${confirmed.manageToken}` }, 'Choose topics and keywords'),
          ],
        }),
      );
    } catch (error) {
      if (error instanceof NotFoundError) return sendPage(res, 404, invalidLink());
      if (error instanceof DomainError && error.status < 500) return reshow(error.status, error.fields ?? {}).catch(() => sendPage(res, 404, invalidLink()));
      throw error;
    }
  }

  @Operation(UNSUBSCRIBE_PAGE)
  async unsubscribePage(@Input() { params: { token } }: OperationInput<typeof UNSUBSCRIBE_PAGE>, @Res() res: Response) {
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
  @Operation(UNSUBSCRIBE)
  @Header('Cache-Control', 'no-store')
  async unsubscribe(@Input() { params: { token } }: OperationInput<typeof UNSUBSCRIBE>, @Res() res: Response) {
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

  @Operation(PREFERENCES_PAGE)
  async preferencesPage(@Input() { params: { token } }: OperationInput<typeof PREFERENCES_PAGE>, @Res() res: Response) {
    await forLink(res, async () => {
      const view = await this.subscriptions.preferences(token);
      sendPage(res, 200, await this.preferencesElement(token, view, toFormValues(view)));
    });
  }

  @Operation(SAVE_PREFERENCES)
  async savePreferences(@Input() { params: { token }, body: outcome }: OperationInput<typeof SAVE_PREFERENCES>, @Body() body: unknown, @Res() res: Response) {
    try {
      if (!outcome.ok) {
        // Loaded only to redraw the form; a valid form goes straight to the update, which checks the token itself.
        const current = await this.subscriptions.preferences(token);
        const values = { ...toFormValues(current), ...formEcho(body) };
        return sendPage(res, 400, await this.preferencesElement(token, current, values, outcome.fields));
      }
      const view = await this.subscriptions.updatePreferences(token, outcome.value);
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

  @Operation(ERASE)
  async erase(@Input() { params: { token } }: OperationInput<typeof ERASE>, @Res() res: Response) {
    await forLink(res, async () => {
      await this.subscriptions.erase(token);
      sendPage(res, 200, createElement(MessagePage, { title: 'Erased', children: createElement('p', null, 'Your subscription and all its data are gone.') }));
    });
  }

  @Operation(SIGN_OUT_PAGE)
  async signOutPage(@Input() { params: { token } }: OperationInput<typeof SIGN_OUT_PAGE>, @Res() res: Response) {
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

  @Operation(SIGN_OUT)
  async signOut(@Input() { params: { token } }: OperationInput<typeof SIGN_OUT>, @Res() res: Response) {
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

/** The subscribe or confirmation form as typed, shown back after an error so nothing is lost. */
function choicesEcho(body: unknown): SubscribeFormValues {
  const typed = textFieldsOf(body);
  const one = (field: string) => (typeof typed[field] === 'string' ? (typed[field] as string) : undefined);
  const topics = typed.topics;
  return {
    email: one('email'),
    topics: topics === undefined ? [] : Array.isArray(topics) ? topics : [topics],
    keywords: one('keywords') ?? '',
    timezone: one('timezone')?.trim(),
    frequency: one('frequency'),
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
