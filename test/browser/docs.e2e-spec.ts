import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Browser } from 'playwright-core';
import { freePort } from '@app/embedded';
import { launchChromium } from '../support/browser.js';
import { createApiApp } from '../support/http-app.js';
import { createTestDatabase, testConfig, type TestDatabase } from '../support/test-services.js';

// The API docs under their Content-Security-Policy, in Debian's chromium: swagger-ui must still work.
describe('/docs in the browser', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await createApiApp(testConfig(database.url, { PUBLIC_URL: base }));
    await app.listen(port, '127.0.0.1');
    browser = await launchChromium();
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
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
