import { Logger } from '@nestjs/common';
import { GroupCommit, type DeliveryRepository, type FinalOutcome, type SmtpStart, type StartRefusal } from '@app/database';

export type StartDecision = { go: true } | { go: false; refusal: StartRefusal['reason'] };

/** Outcomes after an SMTP exchange are facts: their writes are retried through a database outage, this long at most. */
const OUTCOME_RETRY_MS = 5 * 60_000;

/**
 * The writes around every SMTP exchange, group-committed per edition across all the digests a
 * process has in flight: "SMTP started" (fenced by the claim token, and re-checking the reader's
 * status and suppression at that moment) before the exchange, the outcome after it. Each caller
 * awaits its own row.
 */
export class DeliveryRecorder {
  private readonly logger = new Logger(DeliveryRecorder.name);
  private readonly started = new Map<string, GroupCommit<SmtpStart, StartDecision>>();
  private readonly sentRows = new Map<string, GroupCommit<string>>();
  private readonly finalRows = new Map<string, GroupCommit<FinalOutcome>>();

  constructor(private readonly deliveries: DeliveryRepository) {}

  /** Committed before the exchange begins: after it, a crash means "maybe sent". Refused rows must not be sent. */
  smtpStarted(editionDate: string, start: SmtpStart): Promise<StartDecision> {
    return this.commit(this.started, editionDate, async (starts) => {
      const { cleared, refusals } = await this.deliveries.markSmtpStarted(editionDate, starts);
      const why = new Map(refusals.map((r) => [r.subscriberId, r.reason]));
      return starts.map((s): StartDecision => (cleared.has(s.subscriberId) ? { go: true } : { go: false, refusal: why.get(s.subscriberId) ?? 'taken' }));
    }).add(start);
  }

  sent(editionDate: string, subscriberId: string): Promise<void> {
    return this.commit(this.sentRows, editionDate, (ids) => this.persist(() => this.deliveries.markSent(editionDate, ids))).add(subscriberId);
  }

  final(editionDate: string, outcome: FinalOutcome): Promise<void> {
    return this.commit(this.finalRows, editionDate, (rows) => this.persist(() => this.deliveries.markFinal(editionDate, rows))).add(outcome);
  }

  private commit<T, R>(groups: Map<string, GroupCommit<T, R>>, editionDate: string, flush: (items: T[]) => Promise<R[] | void>): GroupCommit<T, R> {
    let group = groups.get(editionDate);
    if (!group) {
      group = new GroupCommit<T, R>(flush);
      groups.set(editionDate, group);
      // A process sees a handful of editions a day; forget old ones.
      if (groups.size > 8) groups.delete(groups.keys().next().value!);
    }
    return group;
  }

  /** Retries a write that records what already happened, while the database is unreachable. */
  private async persist(write: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + OUTCOME_RETRY_MS;
    for (let wait = 200; ; wait = Math.min(wait * 2, 5000)) {
      try {
        return await write();
      } catch (error) {
        if (Date.now() + wait > deadline || !isConnectionError(error)) throw error;
        this.logger.warn(`could not record delivery outcomes yet (${String(error)}); retrying in ${wait} ms`);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }
}

/** Errors that say the database was unreachable, not that the statement was wrong. */
export function isConnectionError(error: unknown): boolean {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (/^(ECONN|EPIPE|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH)/.test(code) || /^(08|57P0)/.test(code))) return true;
  return typeof message === 'string' && /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(message);
}
