import { PageLayout } from './page-layout.js';

const TITLES: Record<number, string> = {
  400: 'That did not work',
  401: 'Please log in',
  403: 'Not allowed',
  404: 'Page not found',
  413: 'That was too much',
  415: 'That did not work',
  429: 'Too many requests',
  503: 'Paperboy is busy',
};

/** An error answered as a page of the site (form posts and browsers), with the same words as the JSON. */
export function ErrorPage({ status, message, fields = {} }: { status: number; message: string; fields?: Record<string, string> }) {
  const title = TITLES[status] ?? (status >= 500 ? 'Something went wrong' : 'That did not work');
  const reasons = Object.entries(fields);
  return (
    <PageLayout title={title}>
      <h1>{title}</h1>
      <div className="card">
        <p role="alert">{message}</p>
        {reasons.length > 0 ? (
          <ul>
            {reasons.map(([field, reason]) => (
              <li key={field}>
                {field} {reason}
              </li>
            ))}
          </ul>
        ) : null}
        <p>
          <a href="/">Back to the home page</a>
        </p>
      </div>
    </PageLayout>
  );
}
