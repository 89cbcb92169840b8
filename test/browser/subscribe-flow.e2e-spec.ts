import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, SCREENSHOT_DIR } from '../support/browser.js';
import { createFullApp, linkIn, type FullApp } from '../support/full-app.js';

// A newcomer's whole journey in a real browser (Debian chromium), against real
// Postgres, Redis and an SMTP sink on loopback. Screenshots land in test-artifacts/.
describe('subscribing in the browser', () => {
  let full: FullApp;
  let browser: Browser;
  let page: Page;
  let db: pg.Client;
  let base: string;
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    full = await createFullApp({ LOAD_SAMPLE_DATA: 'true' }, { listen: true });
    base = full.config.publicUrl;
    db = new pg.Client({ connectionString: full.database.url });
    await db.connect();
    browser = await launchChromium();
    const context = await browser.newContext({ timezoneId: 'Asia/Tokyo', viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    page = await context.newPage();
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await full?.close();
  });

  it('shows errors next to the field, keeping what was typed', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('Email address').fill('not-an-address');
    await page.getByLabel('Your own keywords (optional)').fill('<b>GRPO</b>');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect(page.locator('#email-error').textContent()).resolves.toContain('must look like name@example.org');
    expect(await page.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Your own keywords (optional)').inputValue()).toBe('<b>GRPO</b>');
    await shot('01-home-with-error');
  });

  it('subscribes, confirms from the email, changes topics and unsubscribes', async () => {
    await page.goto(`${base}/`);
    // The time zone is detected in the browser.
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');
    await shot('02-home');
    await page.getByLabel('Email address').fill('reader@example.org');
    await page.getByLabel(/Reward modeling/).check();
    await page.getByLabel(/LLM agents and tool use/).check();
    await page.getByLabel('Your own keywords (optional)').fill('process reward model, GRPO');
    // Keyboard users reach the button too.
    await page.getByRole('button', { name: 'Subscribe' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/check-inbox`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Check your inbox');
    await shot('03-check-inbox');

    const [mail] = await full.mailTo('reader@example.org');
    expect(mail).toBeDefined();
    const confirmUrl = linkIn(mail, `${base}/confirm/`);
    await page.goto(confirmUrl);
    await shot('04-confirm');
    expect((await db.query(`SELECT status FROM subscribers`)).rows[0].status).toBe('pending');
    await page.getByRole('button', { name: 'Confirm my subscription' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('You are subscribed');
    await shot('05-confirmed');

    await page.getByRole('link', { name: 'Choose topics and keywords' }).click();
    await page.waitForURL(/\/preferences\//);
    expect(await page.getByLabel(/Reward modeling/).isChecked()).toBe(true);
    await page.getByLabel(/LLM agents and tool use/).uncheck();
    await page.getByLabel(/Reward hacking/).check();
    await page.getByLabel('Your own keywords').fill('process reward model, reward hacking');
    await page.getByLabel('Papers per email (1–50)').fill('15');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Saved');
    await shot('06-preferences-saved');
    const topics = await db.query(`SELECT t.slug FROM subscriber_topics st JOIN topics t ON t.id = st.topic_id ORDER BY t.slug`);
    expect(topics.rows.map((r) => r.slug)).toEqual(['reward-hacking', 'reward-modeling']);
    expect((await db.query(`SELECT status, max_papers FROM subscribers`)).rows[0]).toEqual({ status: 'active', max_papers: 15 });

    await page.getByRole('link', { name: 'Unsubscribe' }).click();
    await shot('07-unsubscribe');
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('You are unsubscribed');
    await shot('08-unsubscribed');
    expect((await db.query(`SELECT status FROM subscribers`)).rows[0].status).toBe('unsubscribed');
  }, 60000);

  it("shows today's trending papers from the sample, most upvoted first", async () => {
    const deadline = Date.now() + 20000;
    while (Date.now() < deadline && Number((await db.query('SELECT count(*) AS n FROM papers')).rows[0].n) < 132) await new Promise((r) => setTimeout(r, 200));
    await page.goto(`${base}/papers`);
    const items = page.locator('li.paper');
    expect(await items.count()).toBeGreaterThan(10);
    const votes = (await page.locator('li.paper .meta').allTextContents()).map((t) => Number(/▲ (\d+)/.exec(t)?.[1] ?? -1)).filter((v) => v >= 0);
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
    await shot('09-papers');
  }, 30000);
});
