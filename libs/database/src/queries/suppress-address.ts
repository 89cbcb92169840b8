import type { EntityManager } from 'typeorm';
import { Subscriber } from '../entities/subscriber.entity.js';
import { Suppression } from '../entities/suppression.entity.js';

/** A permanent SMTP refusal: the address goes on the suppression list and its subscriber is never mailed again. Run it in a transaction. */
export async function suppressAfterHardBounce(manager: EntityManager, subscriber: { id: string; emailNormalized: string }, smtpMessage: string): Promise<void> {
  await manager.upsert(Suppression, { emailNormalized: subscriber.emailNormalized, reason: 'hard-bounce', detail: smtpMessage.slice(0, 500) }, ['emailNormalized']);
  await manager.update(Subscriber, { id: subscriber.id }, { status: 'suppressed' });
}
