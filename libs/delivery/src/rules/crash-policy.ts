import { isFinal, type DeliveryState } from './delivery-state.js';

/** What a batch finds when it tries to claim a reader's delivery row. */
export interface ClaimCandidate {
  state: DeliveryState;
  /** When the current claim was taken (null: never claimed). */
  claimedAt: Date | null;
  /** The SMTP exchange for this row began (committed just before it starts). */
  smtpStarted: boolean;
  /** The batch the row is labelled with: the job that holds, last held or is to claim it (null: none). */
  batchId: string | null;
}

export type ClaimDecision =
  /** Take it: it waits for this batch, or this batch's earlier run held it and certainly did not send it. */
  | 'take'
  /** Someone holds it within the lease: leave it to them (the sweeper steps in if they vanish). */
  | 'in-progress'
  /** The SMTP exchange began and its holder is gone: it may have been delivered; never re-send. */
  | 'unknown'
  /** Already in a final state. */
  | 'finished'
  /** Labelled with another batch (or none): that batch's job, or the sweeper, deals with it. */
  | 'other-batch';

/** A claim's lease has run out (a claim with no time counts as run out: nothing renews it). */
export function leaseExpired(row: Pick<ClaimCandidate, 'claimedAt'>, now: Date, leaseMs: number): boolean {
  return row.claimedAt === null || row.claimedAt.getTime() < now.getTime() - leaseMs;
}

/**
 * The written crash policy, as a batch applies it to the rows labelled with it. A batch claims only
 * its own rows, so two batches never take each other's readers. A claimed row whose SMTP exchange
 * never began is taken at once by a re-run of its batch (BullMQ re-runs a job only after its
 * previous run lost its lock, i.e. died or stalled; a stalled run that wakes up cannot send,
 * because recording "SMTP started" is fenced by its claim token). A row whose exchange began is
 * `unknown` once its lease has run out: a crash there may have come after the server accepted the
 * message, and sending twice is the worse failure.
 *
 * `DeliveryRepository.claimBatch` applies the same rule in SQL (tested to agree).
 */
export function resolveClaim(row: ClaimCandidate | null, claimant: { batchId: string; now: Date; leaseMs: number }): ClaimDecision {
  if (row === null) return 'take';
  if (isFinal(row.state)) return 'finished';
  if (row.batchId !== claimant.batchId) return 'other-batch';
  if (row.state === 'queued') return 'take';
  const expired = leaseExpired(row, claimant.now, claimant.leaseMs);
  if (row.smtpStarted) return expired ? 'unknown' : 'in-progress';
  return 'take';
}

export type StaleClaimDecision =
  /** SMTP began and the lease ran out: may have been delivered; becomes `unknown`, never re-sent. */
  | 'unknown'
  /** The lease ran out before SMTP began: certainly not sent; re-driven in a new batch. */
  | 'abandoned'
  /** Held within the lease: left to its holder. */
  | 'held'
  /** Queued: its batch job will claim it (re-driven only if that job is gone, which Redis knows). */
  | 'waiting'
  /** Already in a final state. */
  | 'finished';

/**
 * The same policy as the sweeper applies it to every unfinished row of an edition, whatever its
 * batch: what a crashed or stalled worker left behind. `DeliveryRepository.stale` (with `relabel`)
 * is this rule in SQL (tested to agree).
 */
export function resolveStaleClaim(row: ClaimCandidate, now: Date, leaseMs: number): StaleClaimDecision {
  if (isFinal(row.state)) return 'finished';
  if (row.state === 'queued') return 'waiting';
  if (!leaseExpired(row, now, leaseMs)) return 'held';
  return row.smtpStarted ? 'unknown' : 'abandoned';
}
