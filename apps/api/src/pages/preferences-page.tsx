import { FieldError, PageLayout } from './page-layout.js';
import { ErrorBanner, TopicCheckboxes, type TopicOption } from './subscription-pages.js';

export interface PreferencesFormValues {
  email: string;
  status: string;
  topics: string[];
  keywords: string;
  frequency: string;
  weeklyDay: string;
  deliveryHour: string;
  timezone: string;
  maxPapers: string;
  minUpvotes: string;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function PreferencesPage({
  token,
  unsubscribeUrl,
  topics,
  values,
  errors = {},
  saved = false,
}: {
  token: string;
  unsubscribeUrl: string;
  topics: TopicOption[];
  values: PreferencesFormValues;
  errors?: Record<string, string>;
  saved?: boolean;
}) {
  const action = `/preferences/${token}`;
  return (
    <PageLayout title="Your preferences">
      <h1>Your preferences</h1>
      <p className="lead">
        Digest for <strong>{values.email}</strong>
        {values.status === 'unsubscribed' ? ' — currently unsubscribed; subscribe again from the home page.' : null}
      </p>
      {saved ? (
        <div className="banner ok" role="status">
          Saved. Your next digest uses these settings.
        </div>
      ) : null}
      <ErrorBanner errors={errors}>Nothing was saved: please fix the highlighted fields.</ErrorBanner>
      <form className="card" method="post" action={action} noValidate>
        <TopicCheckboxes topics={topics} selected={values.topics} errors={errors} />
        <div className="field">
          <label htmlFor="keywords">Your own keywords</label>
          <p className="hint" id="keywords-hint">Separated by commas.</p>
          <textarea id="keywords" name="keywords" defaultValue={values.keywords} aria-describedby="keywords-hint" />
          <FieldError id="keywords-error" message={errors.keywords} />
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="frequency">How often</label>
            <select id="frequency" name="frequency" defaultValue={values.frequency}>
              <option value="daily">Every day</option>
              <option value="weekly">Once a week</option>
              <option value="paused">Paused</option>
            </select>
            <FieldError id="frequency-error" message={errors.frequency} />
          </div>
          <div className="field">
            <label htmlFor="weeklyDay">Weekly on</label>
            <select id="weeklyDay" name="weeklyDay" defaultValue={values.weeklyDay}>
              {DAYS.map((day, index) => (
                <option key={day} value={String(index)}>
                  {day}
                </option>
              ))}
            </select>
            <FieldError id="weeklyDay-error" message={errors.weeklyDay} />
          </div>
          <div className="field">
            <label htmlFor="deliveryHour">Delivery hour</label>
            <select id="deliveryHour" name="deliveryHour" defaultValue={values.deliveryHour}>
              {Array.from({ length: 24 }, (_, hour) => (
                <option key={hour} value={String(hour)}>{`${String(hour).padStart(2, '0')}:00`}</option>
              ))}
            </select>
            <FieldError id="deliveryHour-error" message={errors.deliveryHour} />
          </div>
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="timezone">Time zone</label>
            <input id="timezone" name="timezone" type="text" defaultValue={values.timezone} aria-invalid={errors.timezone ? true : undefined} />
            <FieldError id="timezone-error" message={errors.timezone} />
          </div>
          <div className="field">
            <label htmlFor="maxPapers">Papers per email (1–50)</label>
            <input id="maxPapers" name="maxPapers" type="number" min={1} max={50} defaultValue={values.maxPapers} aria-invalid={errors.maxPapers ? true : undefined} />
            <FieldError id="maxPapers-error" message={errors.maxPapers} />
          </div>
          <div className="field">
            <label htmlFor="minUpvotes">Minimum upvotes (optional)</label>
            <input id="minUpvotes" name="minUpvotes" type="number" min={0} defaultValue={values.minUpvotes} aria-invalid={errors.minUpvotes ? true : undefined} />
            <FieldError id="minUpvotes-error" message={errors.minUpvotes} />
          </div>
        </div>
        <button type="submit">Save preferences</button>
      </form>
      <h2>Your data</h2>
      <div className="card">
        <p>
          <a href={`/api/preferences/${token}/export`}>Download everything Paperboy keeps about you</a> (JSON).
        </p>
        <p>
          <a href={unsubscribeUrl}>Unsubscribe</a> (keeps nothing but the fact that you unsubscribed).
        </p>
        <p>
          Forwarded a digest, or opened one on a shared computer? <a href={`/preferences/${token}/sign-out`}>Sign out every link</a>: every
          link sent to you so far stops working, and a fresh link to this page is emailed to you.
        </p>
        <form method="post" action={`/preferences/${token}/erase`} data-confirm="Erase your subscription and all its data? This cannot be undone.">
          <button type="submit" className="danger">
            Erase me
          </button>
        </form>
      </div>
    </PageLayout>
  );
}
