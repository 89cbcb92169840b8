import { render } from '@react-email/render';
import { createElement, type FunctionComponent } from 'react';
import { emailDefinition, type EmailProps, type EmailTemplate, type HasSubject } from './email-templates.js';

export interface RenderedEmail {
  html: string;
  text: string;
}

/** A rendered email: both alternatives, and the subject when its template has one. */
export type RenderedTemplate<T extends EmailTemplate> = RenderedEmail & (HasSubject<T> extends true ? { subject: string } : { subject?: undefined });

/** Renders an email of the registry (email-templates.ts) to its subject and both alternatives of a MIME message. */
export async function renderEmail<T extends EmailTemplate>(template: T, props: EmailProps<T>): Promise<RenderedTemplate<T>> {
  const definition = emailDefinition(template);
  const element = createElement(definition.component as FunctionComponent<EmailProps<T>>, props);
  const [html, text] = await Promise.all([render(element), definition.text ? definition.text(props) : render(element, { plainText: true })]);
  const subject = definition.subject?.(props);
  // The cast restates what the registry's types already say: `subject` is there exactly when HasSubject<T>.
  return (subject === undefined ? { html, text } : { subject, html, text }) as RenderedTemplate<T>;
}
