import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DigestRenderer } from './digest/digest-renderer.js';
import { EMAIL_TEMPLATES, previewProps } from './email-templates.js';
import { renderEmail } from './render-email.js';

const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));

describe('the email registry', () => {
  it('registers every email component file (<template>-email.tsx) under its template name', () => {
    const files = readdirSync(path.dirname(fileURLToPath(import.meta.url)), { recursive: true, encoding: 'utf8' })
      .map((file) => path.basename(file))
      .filter((file) => file.endsWith('-email.tsx'));
    expect(files.map((file) => file.replace(/-email\.tsx$/, '')).sort()).toEqual([...EMAIL_TEMPLATES].sort());
  });

  describe.each(EMAIL_TEMPLATES)('%s, rendered from its preview props', (template) => {
    it('has both alternatives, each with every link of the email', async () => {
      const email = await renderEmail(template, previewProps(template));
      expect(email.html).toMatch(/^<!DOCTYPE html[^>]*><html[^>]*>/);
      expect(email.html).toMatch(/<\/html>$/);
      expect(email.html).toContain('>Paperboy</p>');
      expect(email.html).not.toMatch(/<script|<img|@import/i);
      expect(email.text.trim()).not.toBe('');
      expect(email.text).not.toMatch(/<\/?[a-z][^>]*>/i);
      const links = hrefs(email.html);
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) {
        expect(link).toMatch(/^https:\/\//);
        expect(email.text).toContain(link);
      }
    });
  });

  it('gives each transactional email its subject; the digest gets its subject from its sender', async () => {
    expect((await renderEmail('confirmation', previewProps('confirmation'))).subject).toBe('Confirm your Paperboy subscription');
    expect((await renderEmail('manage-link', previewProps('manage-link'))).subject).toBe('Your new Paperboy preferences link');
    expect((await renderEmail('digest', previewProps('digest'))).subject).toBeUndefined();
  });

  it('renders the digest as the cached renderer does, byte for byte', async () => {
    const digest = previewProps('digest');
    const renderer = new DigestRenderer();
    await renderer.prepare(digest.papers.map((item) => item.paper));
    const { html, text } = await renderEmail('digest', digest);
    expect(renderer.renderCached(digest)).toEqual({ html, text });
  });

  it('never quotes the keywords a confirmation request typed, only counts them', async () => {
    const { html, text } = await renderEmail('confirmation', { ...previewProps('confirmation'), topicNames: ['Reward modeling'], keywordCount: 3 });
    // React separates a text child from the words around it with empty comments.
    for (const output of [html.replace(/<!-- -->/g, ''), text]) expect(output).toContain('Requested: Reward modeling and 3 keywords of your own.');
  });
});
