import { addDays } from './calendar.js';

/** A first edition (or a preview for a reader who never got one) covers this many recent days. */
export const FIRST_EDITION_DAYS = 3;

export interface EditionWindow {
  /** First featured day the edition draws from, inclusive. */
  from: string;
  /** Last featured day, inclusive: today (UTC), the newest day papers can be featured. */
  to: string;
}

/**
 * Which featured days an edition draws papers from: every day after the reader's last sent
 * edition, up to today; for a reader with none, the last FIRST_EDITION_DAYS days. So a weekly
 * reader's edition covers the week, and a reader who was paused gets what they missed — but never
 * more than the history keeps (see reader history retention), and never a paper already sent.
 */
export function editionWindow(lastSentEdition: string | null, today: string, firstEditionDays: number = FIRST_EDITION_DAYS): EditionWindow {
  const from = lastSentEdition ? addDays(lastSentEdition, 1) : addDays(today, -(firstEditionDays - 1));
  return { from, to: today };
}
