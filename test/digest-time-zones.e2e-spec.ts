import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import request from 'supertest';
import { DigestScheduler } from '../apps/worker/src/digest/digest.scheduler.js';
import { createDigestApp, digestsDrained, waitUntil, type DigestApp } from './support/digest-app.js';
import type { FullApp } from './support/full-app.js';

/*
 * Weekly digests and non-UTC zones end to end: the real app (API + worker, Postgres, Redis, SMTP
 * sink) with its scheduler driven a quarter of an hour at a time through twelve days around the
 * spring-forward in Berlin (30 March 2031: 02:00 does not happen) and the end of summer time in
 * Sydney (6 April 2031: 02:00 happens twice). Every reader must get the edition of each of their
 * local days (weekly: of their weekday) at the first tick at or after their local hour, never
 * earlier, named by that local date, exactly once.
 *
 * The expectation is computed from offsets written out by hand below, not from ICU or Postgres.
 */
const ADMIN = 'Bearer test-admin-token-0123456789';
const HOUR = 3_600_000;
const START = Date.parse('2031-03-27T00:00:00Z');
const END = Date.parse('2031-04-08T00:00:00Z');
const TICK = 15 * 60_000;

const OFFSETS: Record<string, (t: number) => number> = {
  'Asia/Tokyo': () => 9 * HOUR,
  // Summer time since 9 March 2031, until 2 November.
  'America/Los_Angeles': () => -7 * HOUR,
  // 02:00 CET on 30 March 2031 (01:00 UTC) becomes 03:00 CEST.
  'Europe/Berlin': (t) => (t < Date.parse('2031-03-30T01:00:00Z') ? 1 : 2) * HOUR,
  // 03:00 AEDT on 6 April 2031 (16:00 UTC on the 5th) becomes 02:00 AEST.
  'Australia/Sydney': (t) => (t < Date.parse('2031-04-05T16:00:00Z') ? 11 : 10) * HOUR,
  'Asia/Kathmandu': () => 5.75 * HOUR,
};

interface Reader {
  email: string;
  timezone: keyof typeof OFFSETS;
  deliveryHour: number;
  frequency: 'daily' | 'weekly' | 'paused';
  /** Weekly: 0 = Sunday. */
  weeklyDay?: number;
}

const READERS: Reader[] = [
  { email: 'tokyo@example.org', timezone: 'Asia/Tokyo', deliveryHour: 8, frequency: 'daily' },
  { email: 'tokyo-mondays@example.org', timezone: 'Asia/Tokyo', deliveryHour: 8, frequency: 'weekly', weeklyDay: 1 },
  { email: 'la@example.org', timezone: 'America/Los_Angeles', deliveryHour: 7, frequency: 'daily' },
  { email: 'la-late@example.org', timezone: 'America/Los_Angeles', deliveryHour: 22, frequency: 'daily' },
  { email: 'la-sundays@example.org', timezone: 'America/Los_Angeles', deliveryHour: 9, frequency: 'weekly', weeklyDay: 0 },
  { email: 'berlin-2am@example.org', timezone: 'Europe/Berlin', deliveryHour: 2, frequency: 'daily' },
  { email: 'berlin-wednesdays@example.org', timezone: 'Europe/Berlin', deliveryHour: 18, frequency: 'weekly', weeklyDay: 3 },
  { email: 'berlin-paused@example.org', timezone: 'Europe/Berlin', deliveryHour: 7, frequency: 'paused' },
  { email: 'sydney-2am@example.org', timezone: 'Australia/Sydney', deliveryHour: 2, frequency: 'daily' },
  { email: 'kathmandu@example.org', timezone: 'Asia/Kathmandu', deliveryHour: 6, frequency: 'daily' },
];

/** Each reader's editions and the tick that should create each, from the hand-written offsets. */
function expectedEditions(): Map<string, Array<{ edition: string; at: string }>> {
  const expected = new Map(READERS.map((r) => [r.email, [] as Array<{ edition: string; at: string }>]));
  for (let t = START; t <= END; t += TICK) {
    for (const reader of READERS) {
      const local = new Date(t + OFFSETS[reader.timezone](t));
      const edition = local.toISOString().slice(0, 10);
      const editions = expected.get(reader.email)!;
      if (reader.frequency === 'paused' || local.getUTCHours() < reader.deliveryHour) continue;
      if (reader.frequency === 'weekly' && local.getUTCDay() !== reader.weeklyDay) continue;
      if (!editions.some((e) => e.edition === edition)) editions.push({ edition, at: new Date(t).toISOString() });
    }
  }
  return expected;
}

describe('digests by each reader’s own clock, daily and weekly, across DST (scheduler driven tick by tick)', () => {
  let app: DigestApp;
  let full: FullApp;
  let db: pg.Client;

  beforeAll(async () => {
    // Every due edition is sent, even with no new papers: this is about who and when, not what.
    app = await createDigestApp({ SKIP_EMPTY_DIGESTS: 'false' });
    ({ full, db } = app);
    await request(full.app.getHttpServer())
      .post('/api/admin/subscribers/import')
      .set('Authorization', ADMIN)
      .send({ consent: true, subscribers: READERS.map(({ email, timezone, deliveryHour, frequency }) => ({ email, timezone, deliveryHour, frequency })) })
      .expect(200);
    // The preferences page sets the weekday of a weekly digest; the import has no column for it.
    for (const r of READERS) await db.query(`UPDATE subscribers SET weekly_day = $2, frequency = $3 WHERE email_normalized = $1`, [r.email, r.weeklyDay ?? 1, r.frequency]);
  }, 30_000);

  afterAll(async () => {
    await app?.close();
  });

  it('sends each reader the edition of each local day (weekday) at their hour, named by that date, once', async () => {
    const scheduler = full.app.get(DigestScheduler);
    const seen = new Map(READERS.map((r) => [r.email, [] as Array<{ edition: string; at: string }>]));
    const known = new Set<string>();
    for (let t = START; t <= END; t += TICK) {
      await scheduler.tick(new Date(t));
      const { rows } = await db.query<{ email: string; edition: string }>(
        `SELECT s.email_normalized AS email, d.edition_date::text AS edition FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id`,
      );
      for (const { email, edition } of rows) {
        if (known.has(`${email} ${edition}`)) continue;
        known.add(`${email} ${edition}`);
        seen.get(email)!.push({ edition, at: new Date(t).toISOString() });
      }
    }
    const expected = expectedEditions();
    expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(expected));

    // The cases this is about, spelled out.
    const at = (email: string, edition: string) => seen.get(email)!.find((e) => e.edition === edition)?.at;
    expect(at('tokyo@example.org', '2031-03-28')).toBe('2031-03-27T23:00:00.000Z'); // 08:00 in Tokyo, the day before in UTC
    expect(at('la-late@example.org', '2031-03-27')).toBe('2031-03-28T05:00:00.000Z'); // 22:00 in Los Angeles, the day after in UTC
    expect(at('berlin-2am@example.org', '2031-03-29')).toBe('2031-03-29T01:00:00.000Z'); // 02:00 CET
    expect(at('berlin-2am@example.org', '2031-03-30')).toBe('2031-03-30T01:00:00.000Z'); // no 02:00: 03:00 CEST, right after the gap
    expect(at('berlin-2am@example.org', '2031-03-31')).toBe('2031-03-31T00:00:00.000Z'); // 02:00 CEST
    expect(at('sydney-2am@example.org', '2031-04-06')).toBe('2031-04-05T15:00:00.000Z'); // the first 02:00 (AEDT); the second one finds it
    expect(at('sydney-2am@example.org', '2031-04-07')).toBe('2031-04-06T16:00:00.000Z'); // 02:00 AEST
    expect(at('kathmandu@example.org', '2031-04-01')).toBe('2031-04-01T00:15:00.000Z'); // 06:00 at +05:45
    expect(seen.get('tokyo-mondays@example.org')!.map((e) => e.edition)).toEqual(['2031-03-31', '2031-04-07']);
    expect(seen.get('la-sundays@example.org')!.map((e) => e.edition)).toEqual(['2031-03-30', '2031-04-06']);
    expect(seen.get('berlin-wednesdays@example.org')).toEqual([{ edition: '2031-04-02', at: '2031-04-02T16:00:00.000Z' }]);
    expect(seen.get('berlin-paused@example.org')).toEqual([]);
    // 26 March (their hour had passed when the first tick came: caught up at once) to 7 April.
    expect(seen.get('la@example.org')).toHaveLength(13);

    // And the mail: one message per edition, the Message-ID naming the reader's local date.
    await waitUntil(() => digestsDrained(full, db), 30_000, async () => JSON.stringify((await db.query(`SELECT state, count(*) FROM deliveries GROUP BY state`)).rows));
    const mailed = new Map(READERS.map((r) => [r.email, [] as string[]]));
    for (const message of full.smtp.messages()) {
      const edition = /^<digest\.(\d{4}-\d{2}-\d{2})\./.exec(message.messageId ?? '')?.[1];
      if (edition) for (const to of message.envelopeTo) mailed.get(to)?.push(edition);
    }
    expect(Object.fromEntries([...mailed].map(([email, editions]) => [email, editions.sort()]))).toEqual(
      Object.fromEntries([...expected].map(([email, editions]) => [email, editions.map((e) => e.edition).sort()])),
    );
    expect((await db.query(`SELECT DISTINCT state FROM deliveries`)).rows).toEqual([{ state: 'sent' }]);
  }, 120_000);
});

describe('a reader east of UTC gets the papers featured since their last edition', () => {
  let app: DigestApp;
  let full: FullApp;
  let db: pg.Client;

  beforeAll(async () => {
    app = await createDigestApp();
    ({ full, db } = app);
  }, 30_000);

  afterAll(async () => {
    await app?.close();
  });

  it('sends the Tokyo 08:00 edition with the paper featured after the previous one went out', async () => {
    // Papers are featured by UTC day; the batch ranks them by the real clock, so the scene is set around today (UTC).
    const today = new Date().toISOString().slice(0, 10);
    const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    await request(full.app.getHttpServer())
      .post('/api/admin/subscribers/import')
      .set('Authorization', ADMIN)
      .send({ consent: true, subscribers: [{ email: 'tokyo-reader@example.org', timezone: 'Asia/Tokyo', deliveryHour: 8, topics: ['reward-modeling'] }] })
      .expect(200);
    const paper = (id: string, title: string, day: string) =>
      db.query(`INSERT INTO papers (arxiv_id, title, abstract, source, featured_date, upvotes) VALUES ($1, $2, $3, 'test', $4, 10)`, [id, title, `${title}: a reward model study.`, day]);
    await paper('2611.50001', 'Reward Models Seen Yesterday', addDays(today, -1));
    await paper('2611.50002', 'Reward Models Featured Today', today);
    // Their edition named today (Tokyo) went out at 08:00 Tokyo, 23:00 UTC yesterday, with yesterday's paper.
    await db.query(`INSERT INTO reader_history (subscriber_id, editions) SELECT id, $2 FROM subscribers WHERE email_normalized = $1`, [
      'tokyo-reader@example.org',
      JSON.stringify({ [today]: { sent: true, papers: ['2611.50001'] } }),
    ]);

    // 23:00 UTC today is 08:00 tomorrow in Tokyo: tomorrow's edition is due.
    await full.app.get(DigestScheduler).tick(new Date(`${today}T23:00:00Z`));
    await waitUntil(() => digestsDrained(full, db), 20_000, async () => JSON.stringify((await db.query(`SELECT edition_date::text, state, last_error FROM deliveries`)).rows));

    expect((await db.query(`SELECT edition_date::text AS edition, state FROM deliveries`)).rows).toEqual([{ edition: addDays(today, 1), state: 'sent' }]);
    const [mail] = await full.mailTo('tokyo-reader@example.org');
    expect(mail.text).toContain('Reward Models Featured Today');
    expect(mail.text).not.toContain('Reward Models Seen Yesterday');
  }, 30_000);
});
