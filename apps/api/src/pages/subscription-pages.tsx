import { FieldError, PageLayout } from './page-layout.js';

export interface TopicOption {
  slug: string;
  name: string;
  description: string;
}

export interface SubscribeFormValues {
  email?: string;
  topics?: string[];
  keywords?: string;
  timezone?: string;
  frequency?: string;
}

type Errors = Record<string, string>;

const describedBy = (field: string, errors: Errors, hint?: string) =>
  [hint, errors[field] ? `${field}-error` : undefined].filter(Boolean).join(' ') || undefined;

export function TopicCheckboxes({ topics, selected, errors }: { topics: TopicOption[]; selected: string[]; errors: Errors }) {
  return (
    <fieldset aria-describedby={describedBy('topics', errors, 'topics-hint')}>
      <legend>Topics</legend>
      <p className="hint" id="topics-hint">
        Pick any that interest you. Each morning’s email holds the trending papers that match.
      </p>
      <div className="topics">
        {topics.map((topic) => (
          <label className="topic" key={topic.slug}>
            <input type="checkbox" name="topics" value={topic.slug} defaultChecked={selected.includes(topic.slug)} />
            <span>
              {topic.name}
              <small>{topic.description}</small>
            </span>
          </label>
        ))}
      </div>
      <FieldError id="topics-error" message={errors.topics} />
    </fieldset>
  );
}

/** The banner over a form that came back with errors, saying what did not happen. */
export function ErrorBanner({ errors, children }: { errors: Errors; children: React.ReactNode }) {
  return Object.keys(errors).length > 0 ? (
    <div className="banner error" role="alert">
      {children}
    </div>
  ) : null;
}

/** What a subscription chooses (topics, keywords, time zone, frequency): on the home page, and again on the confirmation page. */
export function ChoiceFields({ topics, values, errors }: { topics: TopicOption[]; values: SubscribeFormValues; errors: Errors }) {
  return (
    <>
      <TopicCheckboxes topics={topics} selected={values.topics ?? []} errors={errors} />
      <div className="field">
        <label htmlFor="keywords">Your own keywords (optional)</label>
        <p className="hint" id="keywords-hint">
          Words or phrases, separated by commas: for example “process reward model, GRPO”.
        </p>
        <textarea
          id="keywords"
          name="keywords"
          defaultValue={values.keywords}
          aria-invalid={errors.keywords ? true : undefined}
          aria-describedby={describedBy('keywords', errors, 'keywords-hint')}
        />
        <FieldError id="keywords-error" message={errors.keywords} />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="timezone">Time zone</label>
          <input
            id="timezone"
            name="timezone"
            type="text"
            data-detect-timezone=""
            placeholder="Europe/Paris"
            defaultValue={values.timezone}
            aria-invalid={errors.timezone ? true : undefined}
            aria-describedby={describedBy('timezone', errors, 'timezone-hint')}
          />
          <p className="hint" id="timezone-hint">
            Detected from your browser; the email arrives at 7:00 there.
          </p>
          <FieldError id="timezone-error" message={errors.timezone} />
        </div>
        <div className="field">
          <label htmlFor="frequency">How often</label>
          <select id="frequency" name="frequency" defaultValue={values.frequency ?? 'daily'}>
            <option value="daily">Every day</option>
            <option value="weekly">Once a week</option>
          </select>
          <FieldError id="frequency-error" message={errors.frequency} />
        </div>
      </div>
    </>
  );
}

export function HomePage({ topics, values = {}, errors = {} }: { topics: TopicOption[]; values?: SubscribeFormValues; errors?: Errors }) {
  return (
    <PageLayout title="Trending papers in your inbox">
      <h1>Trending research papers, picked for you</h1>
      <p className="lead">
        One short email each morning with today’s trending papers on the topics you choose. Unsubscribe with one click.
      </p>
      <ErrorBanner errors={errors}>Please fix the highlighted fields.</ErrorBanner>
      <form className="card" method="post" action="/subscribe" noValidate>
        <div className="field">
          <label htmlFor="email">Email address</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={values.email}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={describedBy('email', errors)}
          />
          <FieldError id="email-error" message={errors.email} />
        </div>
        <ChoiceFields topics={topics} values={values} errors={errors} />
        <button type="submit">Subscribe</button>
        <p className="hint">We send one email to confirm the address first. Nothing else until you confirm.</p>
      </form>
      <p>
        <a href="/papers">See today’s trending papers</a> to get a feel for what you will receive.
      </p>
    </PageLayout>
  );
}

export function CheckInboxPage() {
  return (
    <PageLayout title="Check your inbox">
      <h1>Check your inbox</h1>
      <p className="lead">
        If this address can receive Paperboy, a confirmation email is on its way. Click the button in it to start your
        daily digest.
      </p>
      <div className="card">
        <p>Nothing after a few minutes? Look in your spam folder, or subscribe again in an hour to get a new email.</p>
        <a href="/">Back to the home page</a>
      </div>
    </PageLayout>
  );
}

export function ActionPage({ title, lead, action, button, danger }: { title: string; lead: string; action: string; button: string; danger?: boolean }) {
  // GET only shows this page; the action needs a POST, because mail scanners fetch every link.
  return (
    <PageLayout title={title}>
      <h1>{title}</h1>
      <p className="lead">{lead}</p>
      <form className="card" method="post" action={action}>
        <button type="submit" className={danger ? 'danger' : undefined}>
          {button}
        </button>
      </form>
    </PageLayout>
  );
}

/**
 * A confirmation link's page: what the request it was sent for asked for,
 * editable, and the button that confirms. Only the mailbox's owner sees it,
 * so keywords are shown as typed here (never in the email itself).
 */
export function ConfirmPage({ action, email, topics, values, errors = {} }: { action: string; email: string; topics: TopicOption[]; values: SubscribeFormValues; errors?: Errors }) {
  return (
    <PageLayout title="Confirm your subscription">
      <h1>Confirm your subscription</h1>
      <p className="lead">
        Digest for <strong>{email}</strong>. Check what it will cover (change anything you like), then confirm.
      </p>
      <ErrorBanner errors={errors}>Nothing was confirmed: please fix the highlighted fields.</ErrorBanner>
      <form className="card" method="post" action={action} noValidate>
        {/* Marks a reviewed form: its fields replace the request's choices (an empty POST confirms them as they are). */}
        <input type="hidden" name="review" value="1" />
        <ChoiceFields topics={topics} values={values} errors={errors} />
        <button type="submit">Confirm my subscription</button>
        <p className="hint">Not you? Ignore this page: without a confirmation nothing is sent.</p>
      </form>
    </PageLayout>
  );
}

export function MessagePage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <PageLayout title={title}>
      <h1>{title}</h1>
      <div className="card">{children}</div>
    </PageLayout>
  );
}
