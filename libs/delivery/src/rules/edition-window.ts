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
 * Which featured days an edition draws papers from: every day since the reader's last sent
 * edition was built, up to today; for a reader with none, the last FIRST_EDITION_DAYS days. So a
 * weekly reader's edition covers the week, and a reader who was paused gets what they missed — but
 * never more than the history keeps (see reader history retention), and never a paper already sent.
 *
 * Editions are named by the reader's local date, papers are featured by UTC day, and an edition
 * dated D is built on UTC day D−1 (east of UTC, e.g. Tokyo at 08:00), D or D+1 (far west). The
 * window starts on D−1 of the last sent edition, the earliest day it can have been built: that day
 * may have had papers featured after it went out, and starting any later loses days for readers
 * east of UTC (from D+1 their every window after the first was empty). Papers it did contain are in
 * the history, so the overlap repeats nothing.
 */
export function editionWindow(lastSentEdition: string | null, today: string, firstEditionDays: number = FIRST_EDITION_DAYS): EditionWindow {
  const from = lastSentEdition ? addDays(lastSentEdition, -1) : addDays(today, -(firstEditionDays - 1));
  return { from, to: today };
}
