import type { Paper, Subscriber, Topic } from '@app/database';
import type { RankedPaper } from '@app/matching';
import type { SubscriberLinks } from '@app/subscribers';

/** The host part of Message-IDs and List-Id: the public site's. */
export const mailHost = (publicUrl: string) => new URL(publicUrl).hostname;

/** Stable per (subscriber, edition): a resend after a crash is recognisably the same message. */
export const digestMessageId = (subscriberId: string, editionDate: string, host: string) => `digest.${subscriberId}.${editionDate}@${host}`;

export const digestListId = (host: string) => `Paperboy daily digest <digest.${host}>`;

export function digestSubject(editionDate: string, count: number): string {
  const day = new Date(`${editionDate}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return `Paperboy, ${day}: ${count} trending paper${count === 1 ? '' : 's'} for you`;
}

/** Why the reader gets this email, in their own terms (shown in the footer). */
export function digestReason(subscriber: Subscriber, topics: Topic[], keywords: string[]): string {
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
