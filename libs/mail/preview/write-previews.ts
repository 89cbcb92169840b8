// `npm run email:preview [-- <folder>]`: every email of the registry rendered from its PreviewProps, both
// alternatives, into a folder (default .data/email-previews) with an index page to open in a browser.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EMAIL_TEMPLATES, escapeHtml, previewProps, renderEmail } from '../src/index.js';

const folder = path.resolve(process.argv[2] ?? '.data/email-previews');
mkdirSync(folder, { recursive: true });
const rows: string[] = [];
for (const template of EMAIL_TEMPLATES) {
  const email = await renderEmail(template, previewProps(template));
  writeFileSync(path.join(folder, `${template}.html`), email.html);
  writeFileSync(path.join(folder, `${template}.txt`), email.text);
  const subject = email.subject ?? '(subject written by the sender)';
  rows.push(`<li><a href="${template}.html">${template}</a> · <a href="${template}.txt">text</a> · ${escapeHtml(subject)} · ${Buffer.byteLength(email.html)} bytes of HTML</li>`);
}
writeFileSync(path.join(folder, 'index.html'), `<!doctype html><meta charset="utf-8"><title>Paperboy emails</title><h1>Paperboy emails</h1><ul>${rows.join('')}</ul>\n`);
process.stdout.write(`${EMAIL_TEMPLATES.length} emails written to ${path.join(folder, 'index.html')}\n`);
