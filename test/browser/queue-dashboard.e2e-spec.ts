import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Queue } from 'bullmq';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { createListeningApiApp, type ListeningApiApp } from '../support/http-app.js';

// The queue dashboard in Debian's chromium: what the browser really sends (Origin, Sec-Fetch-Site,
// cached Basic credentials) must pass the cross-site check on the site itself, and fail from elsewhere.
describe('the queue dashboard in the browser (QUEUE_DASHBOARD_WRITE=true)', () => {
  let api: ListeningApiApp;
  let app: NestExpressApplication;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    api = await createListeningApiApp({ QUEUE_DASHBOARD_WRITE: 'true' });
    ({ app, base } = api);
    browser = await launchChromium();
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const loggedIn = async (): Promise<Page> => {
    const context = await browser.newContext({ httpCredentials: { username: 'admin', password: 'test-admin-token-0123456789' } });
    return context.newPage();
  };

  it('shows the queues and lets its own page change them', async () => {
    const page = await loggedIn();
    await page.goto(`${base}/admin/queues`);
    await page.getByText('ingest').first().waitFor();
    // What the dashboard's buttons send: same-origin XHRs, JSON or no body.
    const paused = await page.evaluate(() => fetch('/admin/queues/api/queues/ingest/pause', { method: 'PUT' }).then((r) => r.status));
    expect(paused).toBe(200);
    expect(await app.get<Queue>(getQueueToken('ingest')).isPaused()).toBe(true);
    await page.evaluate(() => fetch('/admin/queues/api/queues/ingest/resume', { method: 'PUT' }).then((r) => r.status));
    expect(await app.get<Queue>(getQueueToken('ingest')).isPaused()).toBe(false);
  });

  it('refuses the same credentials on a form another page submits', async () => {
    const page = await loggedIn();
    // A page that is not the dashboard's origin (about:blank here, another site in real life).
    await page.setContent(`<form method="post" action="${base}/admin/queues/api/queues/ingest/add"><input name="name" value="evil"></form>`);
    const response = page.waitForResponse((r) => r.url().endsWith('/ingest/add'));
    await page.locator('form').evaluate((form) => (form as unknown as { submit(): void }).submit());
    expect((await response).status()).toBe(403);
    expect(await app.get<Queue>(getQueueToken('ingest')).getJobCounts('waiting')).toEqual({ waiting: 0 });
  });
});
