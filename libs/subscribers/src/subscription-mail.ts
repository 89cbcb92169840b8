/**
 * The emails the mail queue sends about a subscription, by job name. Each
 * job's payload is only the subscriber id (`ConfirmationMailJob`): the
 * worker reads what to send from the database when it runs.
 */
export const SUBSCRIPTION_MAIL_JOBS = {
  /** The double opt-in email of the subscriber's newest confirmation request. */
  confirmation: 'confirmation',
  /** A fresh manage link, after "sign out every link". */
  manageLink: 'manage-link',
} as const;

/** How long a confirmation link works, counted from the request it confirms. */
export const CONFIRMATION_TTL_HOURS = 48;
