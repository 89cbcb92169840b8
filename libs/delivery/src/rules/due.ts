import { localClock } from './local-clock.js';

export type ReaderStatus = 'pending' | 'active' | 'unsubscribed' | 'suppressed';
export type DigestFrequency = 'daily' | 'weekly' | 'paused';

/** What decides when a reader's digest is due. */
export interface DeliverySchedule {
  status: ReaderStatus;
  frequency: DigestFrequency;
  /** IANA zone, e.g. Europe/Berlin. */
  timezone: string;
  /** Local hour (0–23) from which the day's edition is due. */
  deliveryHour: number;
  /** Weekly readers: local weekday, 0 = Sunday. */
  weeklyDay: number;
}

export type DueDecision = { due: true; editionDate: string } | { due: false; reason: 'not active' | 'paused' | 'before delivery hour' | 'not their weekday' | 'edition exists' };

/**
 * Is this reader's edition due at `instant`? Due when they are active and not paused, their local
 * clock has reached their delivery hour (on their weekday, for weekly readers), and they have no
 * delivery yet for their local date. The edition is named by that local date, so a reader gets at
 * most one per local day whatever DST does: in a spring-forward gap the first instant past the gap
 * is due; in a repeated autumn hour the first pass creates the edition and the repeat finds it.
 *
 * `DeliveryRepository.dueReaders` is the same rule in SQL; a property test checks they agree.
 */
export function isDue(schedule: DeliverySchedule, instant: Date, hasEdition: (editionDate: string) => boolean): DueDecision {
  if (schedule.status !== 'active') return { due: false, reason: 'not active' };
  if (schedule.frequency === 'paused') return { due: false, reason: 'paused' };
  const clock = localClock(instant, schedule.timezone);
  if (clock.hour < schedule.deliveryHour) return { due: false, reason: 'before delivery hour' };
  if (schedule.frequency === 'weekly' && clock.weekday !== schedule.weeklyDay) return { due: false, reason: 'not their weekday' };
  if (hasEdition(clock.date)) return { due: false, reason: 'edition exists' };
  return { due: true, editionDate: clock.date };
}
