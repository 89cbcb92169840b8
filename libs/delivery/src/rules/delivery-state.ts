/*
 * One row per (reader, edition) is the exactly-once guard (BullMQ is at-least-once):
 *
 *   queued ──(a batch claims it)──▶ claimed ──(SMTP accepted)─────────────▶ sent
 *                                     │ ├──(5xx: address refused)─────────▶ suppressed
 *                                     │ ├──(unsubscribed, paused, nothing new)▶ skipped
 *                                     │ ├──(4xx, or refused before DATA)──▶ queued again for a later retry;
 *                                     │ │                                    failed when retries run out
 *                                     │ └──(outcome unknowable)───────────▶ unknown  (never re-sent; reported)
 *                                     └──(worker crashed)──▶ see resolveClaim and resolveStaleClaim
 */
export const DELIVERY_STATES = ['queued', 'claimed', 'sent', 'failed', 'suppressed', 'skipped', 'unknown'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** States a delivery never leaves. */
export const FINAL_STATES: ReadonlySet<DeliveryState> = new Set(['sent', 'failed', 'suppressed', 'skipped', 'unknown']);

export const isFinal = (state: DeliveryState) => FINAL_STATES.has(state);
