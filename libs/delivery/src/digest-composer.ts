import { createHmac, hkdfSync } from 'node:crypto';
import type { ReaderProfile } from '@app/database';
import type { DigestForReader } from '@app/mail';
import type { Recommendation, Recommendations } from '@app/recommendations';
import { toDigestPaper } from './digest-paper.js';
import type { SubscriberLinks } from '@app/subscribers';

/** The host part of Message-IDs and List-Id: the public site's. */
export const mailHost = (publicUrl: string) => new URL(publicUrl).hostname;

export const digestListId = (host: string) => `Paperboy daily digest <digest.${host}>`;

// Built once: constructing a date formatter per message costs more than the rest of the subject.
const subjectDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

export function digestSubject(editionDate: string, count: number): string {
  const day = subjectDay.format(new Date(`${editionDate}T00:00:00Z`));
  return `Paperboy, ${day}: ${count} trending paper${count === 1 ? '' : 's'} for you`;
}

/** Why the reader gets this email, in their own terms (shown in the footer). */
export function digestReason(subscriber: Pick<ReaderProfile, 'email' | 'confirmedAt'>, topicNames: readonly string[], keywords: readonly string[]): string {
  const interests = [...topicNames, ...keywords.map((k) => `“${k}”`)];
  const since = subscriber.confirmedAt ? ` on ${subscriber.confirmedAt.toISOString().slice(0, 10)}` : '';
  return `You get this email because you subscribed to Paperboy with ${subscriber.email}${since}${interests.length ? ` and chose: ${interests.join(', ')}` : ''}.`;
}

/**
 * Stable per (reader, edition), so a message re-sent after a crash is recognisably the same, and
 * opaque: an HMAC of the reader's id, so the Message-ID does not carry it.
 */
export class MessageIds {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly host: string,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'paperboy-message-id', 'v1', 32));
  }

  digest(subscriberId: string, editionDate: string): string {
    const tag = createHmac('sha256', this.key).update(`${subscriberId}|${editionDate}`).digest('base64url').slice(0, 22);
    return `digest.${editionDate}.${tag}@${this.host}`;
  }
}

/** A reader's digest, ready to render: papers with reasons and feedback links, their own links and why they get it. */
export function composeDigest(reader: ReaderProfile, editionDate: string, recommendations: Pick<Recommendations, 'papers' | 'interests'>, links: SubscriberLinks): DigestForReader & { unsubscribeToken: string } {
  const generation = reader.linkGeneration;
  const { url: unsubscribeUrl, token: unsubscribeToken } = links.unsubscribeLink(reader.id, generation);
  return {
    editionDate,
    papers: recommendations.papers.map((r: Recommendation) => {
      // Each paper's 👍/👎 token is bound to that paper: it cannot vote on another.
      const feedback = links.paperFeedbackBase(reader.id, r.paper.arxivId, generation);
      return { paper: toDigestPaper(r.paper), reasons: r.reasons, feedbackUpUrl: `${feedback}/up`, feedbackDownUrl: `${feedback}/down` };
    }),
    manageUrl: links.manage(reader.id, generation),
    unsubscribeUrl,
    unsubscribeToken,
    viewInBrowserUrl: links.viewInBrowser(reader.id, editionDate, generation),
    reason: digestReason(
      reader,
      recommendations.interests.topics.map((t) => t.name),
      recommendations.interests.keywords,
    ),
  };
}
