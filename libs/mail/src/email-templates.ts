import type { ReactElement } from 'react';
import { DigestEmail } from './digest/digest-email.js';
import { renderDigestText } from './digest/digest-text.js';
import { ConfirmationEmail } from './templates/confirmation-email.js';
import { ManageLinkEmail } from './templates/manage-link-email.js';

/**
 * An email: a react-email component in `<template>-email.tsx` that renders the whole message from its props, and
 * carries `PreviewProps`, realistic sample props, for `npm run email:preview` and for the test that renders every email.
 */
export type EmailComponent<P> = ((props: P) => ReactElement) & { PreviewProps: NoInfer<P> };

export interface EmailOptions<P> {
  /** The subject line. The digest has none here: its sender writes it per edition (`digestSubject` in @app/delivery). */
  subject?: (props: P) => string;
  /** The plain-text alternative, for an email whose text is its own template rather than react-email's conversion of the HTML. */
  text?: (props: P) => string;
}

export type EmailDefinition<P> = EmailOptions<P> & { component: EmailComponent<P> };

function email<P, const O extends EmailOptions<P>>(component: EmailComponent<P>, options: O): O & { component: EmailComponent<P> } {
  return { ...options, component };
}

/**
 * Every email Paperboy sends, by template name. Adding one: write `templates/<name>-email.tsx` (component and
 * PreviewProps), add its line here, and send it with `renderEmail('<name>', props)`; the registry's test renders it.
 */
const EMAILS = {
  confirmation: email(ConfirmationEmail, { subject: () => 'Confirm your Paperboy subscription' }),
  'manage-link': email(ManageLinkEmail, { subject: () => 'Your new Paperboy preferences link' }),
  // The daily digest. Its senders go through DigestRenderer (the same bytes, rendered from pieces cached per run).
  digest: email(DigestEmail, { text: renderDigestText }),
};

export type EmailTemplate = keyof typeof EMAILS;
export type EmailProps<T extends EmailTemplate> = Parameters<(typeof EMAILS)[T]['component']>[0];

export const EMAIL_TEMPLATES = Object.keys(EMAILS) as readonly EmailTemplate[];

/** The template's definition, typed by its own props (TypeScript cannot correlate an indexed union with its key). */
export function emailDefinition<T extends EmailTemplate>(template: T): EmailDefinition<EmailProps<T>> {
  return EMAILS[template] as unknown as EmailDefinition<EmailProps<T>>;
}

/** True when the template's definition has a subject, so the render entry can promise one. */
export type HasSubject<T extends EmailTemplate> = (typeof EMAILS)[T] extends { subject: unknown } ? true : false;

/** The sample props of a template (its component's PreviewProps). */
export function previewProps<T extends EmailTemplate>(template: T): EmailProps<T> {
  return emailDefinition(template).component.PreviewProps;
}
