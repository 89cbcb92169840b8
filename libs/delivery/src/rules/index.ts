export { localClock, localDatesAt, UTC_OFFSET_BOUNDS_MS, type LocalClock } from './local-clock.js';
export { isDue, type DeliverySchedule, type DigestFrequency, type DueDecision, type ReaderStatus } from './due.js';
export { editionWindow, FIRST_EDITION_DAYS, type EditionWindow } from './edition-window.js';
export { addDays, daysBetween, utcDay } from './calendar.js';
export { DELIVERY_STATES, FINAL_STATES, isFinal, type DeliveryState } from './delivery-state.js';
export { leaseExpired, resolveClaim, resolveStaleClaim, type ClaimCandidate, type ClaimDecision, type StaleClaimDecision } from './crash-policy.js';
export { classifySmtpFailure, retryDelayMs, type SmtpFailure } from './smtp-outcome.js';
