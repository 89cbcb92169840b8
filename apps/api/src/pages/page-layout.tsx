import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

export function PageLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${title} · Paperboy`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        <script src="/assets/site.js" defer />
      </head>
      <body>
        <a className="skip" href="#main">
          Skip to content
        </a>
        <header>
          <nav aria-label="Main">
            <a className="brand" href="/">
              Paperboy
            </a>
            <a href="/papers">Today’s papers</a>
            <a href="/docs">API</a>
          </nav>
        </header>
        <main id="main">{children}</main>
        <footer>Paperboy emails you the trending research papers that match your interests. Open source and self-hosted.</footer>
      </body>
    </html>
  );
}

/** Headers of every HTML page: no inline script or style, no framing, no caching of tokens. */
export const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** Server-side render; React escapes every text and attribute value. */
export function renderPage(element: ReactNode): string {
  return '<!doctype html>' + renderToStaticMarkup(element);
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p className="error" id={id} role="alert">
      {message}
    </p>
  ) : null;
}
