import type { Paper, Subscriber, Topic } from '@app/database';
import type { RankedPaper } from '@app/matching';
import type { SubscriberLinks } from '@app/subscribers';

/** The host part of Message-IDs and List-Id: the public site's. */
export const mailHost = (publicUrl: string) => new URL(publicUrl).hostname;

/** Stable per (subscriber, edition): a resend after a crash is recognisably the same message. */
export const digestMessageId = (subscriberId: string, editionDate: string, host: string) => `digest.${subscriberId}.${editionDate}@${host}`;

export const digestListId = (host: string) => `Paperboy daily digest <digest.${host}>`;

// Built once: constructing a date formatter per message costs more than the rest of the subject.
const subjectDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

export function digestSubject(editionDate: string, count: number): string {
  const day = subjectDay.format(new Date(`${editionDate}T00:00:00Z`));
  return `Paperboy, ${day}: ${count} trending paper${count === 1 ? '' : 's'} for you`;
}

/** Why the reader gets this email, in their own terms (shown in the footer). */
export function digestReason(subscriber: Pick<Subscriber, 'email' | 'confirmedAt'>, topics: ReadonlyArray<Pick<Topic, 'name'>>, keywords: readonly string[]): string {
  const interests = [...topics.map((t) => t.name), ...keywords.map((k) => `“${k}”`)];
  const since = subscriber.confirmedAt ? ` on ${subscriber.confirmedAt.toISOString().slice(0, 10)}` : '';
  return `You get this email because you subscribed to Paperboy with ${subscriber.email}${since}${interests.length ? ` and chose: ${interests.join(', ')}` : ''}.`;
}

export interface DigestEntry {
  paper: Paper;
  ranked: RankedPaper;
  feedbackUpUrl: string;
  feedbackDownUrl: string;
}

export function digestEntries(subscriberId: string, ranked: Array<RankedPaper & { paper: Paper }>, links: SubscriberLinks): DigestEntry[] {
  const base = links.feedbackBase(subscriberId);
  return ranked.map((r) => ({
    paper: r.paper,
    ranked: r,
    feedbackUpUrl: `${base}/${encodeURIComponent(r.paper.arxivId)}/up`,
    feedbackDownUrl: `${base}/${encodeURIComponent(r.paper.arxivId)}/down`,
  }));
}
