import type { DeliveryState } from './delivery-state.js';

/** What a batch finds when it tries to claim a reader's delivery row. */
export interface ClaimCandidate {
  state: DeliveryState;
  /** When the current claim was taken (null: never claimed). */
  claimedAt: Date | null;
  /** The SMTP exchange for this row began (committed just before it starts). */
  smtpStarted: boolean;
  /** The batch job that holds or last held the row. */
  batchId: string | null;
}

export type ClaimDecision =
  /** Take it: nobody holds it, or its holder is gone and it certainly was not sent. */
  | 'take'
  /** Someone holds it within the lease: leave it to them (the sweeper steps in if they vanish). */
  | 'in-progress'
  /** The SMTP exchange began and its holder is gone: it may have been delivered; never re-send. */
  | 'unknown'
  /** Already in a final state. */
  | 'finished';

/**
 * The written crash policy. A claimed row whose SMTP exchange never began can be taken over when
 * its lease has run out, or at once by a re-run of the very batch that holds it (BullMQ re-runs a
 * job only after its previous run lost its lock, i.e. died or stalled; a stalled run that wakes up
 * cannot send, because recording "SMTP started" is fenced by its claim token). A row whose exchange
 * began is `unknown` once its lease has run out: a crash there may have come after the server
 * accepted the message, and sending twice is the worse failure.
 *
 * `DeliveryRepository.claimBatch` applies the same rule in SQL (tested to agree).
 */
export function resolveClaim(row: ClaimCandidate | null, claimant: { batchId: string; now: Date; leaseMs: number }): ClaimDecision {
  if (row === null || row.state === 'queued') return 'take';
  if (row.state !== 'claimed') return 'finished';
  const expired = row.claimedAt === null || row.claimedAt.getTime() < claimant.now.getTime() - claimant.leaseMs;
  if (row.smtpStarted) return expired ? 'unknown' : 'in-progress';
  return expired || row.batchId === claimant.batchId ? 'take' : 'in-progress';
}
