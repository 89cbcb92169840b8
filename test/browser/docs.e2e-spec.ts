import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { createListeningApiApp, type ListeningApiApp } from '../support/http-app.js';

// The API docs under their Content-Security-Policy, in Debian's chromium: swagger-ui must still work.
describe('/docs in the browser', () => {
  let api: ListeningApiApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    api = await createListeningApiApp();
    base = api.base;
    browser = await launchChromium();
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('renders and runs a request with no CSP violation', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${base}/docs`);
    const topics = page.locator('.opblock-get', { hasText: '/api/topics' });
    await topics.locator('.opblock-summary').click();
    await topics.getByRole('button', { name: 'Try it out' }).click();
    await topics.getByRole('button', { name: 'Execute' }).click();
    await expect(topics.locator('.live-responses-table tbody .response-col_status').first().textContent()).resolves.toContain('200');
    expect(problems).toEqual([]);

  });

  it('cannot be framed by another page', async () => {
    const page = await browser.newPage();
    const refused = page.waitForEvent('console', { predicate: (message) => /frame-ancestors/.test(message.text()), timeout: 10000 });
    await page.setContent(`<iframe src="${base}/docs"></iframe>`);
    await refused;
  });
});
