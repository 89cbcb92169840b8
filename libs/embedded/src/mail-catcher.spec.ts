import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { startMailCatcher, type MailCatcherHandle } from './mail-catcher.js';

/** A GET with the Host header a rebinding attacker's page would send (fetch cannot set Host). */
function getWithHost(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the mail catcher inbox against DNS rebinding', () => {
  let catcher: MailCatcherHandle;
  let port: number;

  beforeAll(async () => {
    catcher = await startMailCatcher();
    port = Number(new URL(catcher.inboxUrl).port);
  });
  afterAll(async () => catcher?.stop());

  it.each(['localhost', '127.0.0.1', '[::1]', 'LOCALHOST'])('serves the inbox to %s with its port', async (name) => {
    const res = await getWithHost(port, '/api/messages', `${name}:${port}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual([]);
  });

  it.each(['attacker.example', 'attacker.example:PORT', 'localhost', 'localhost.attacker.example:PORT', '127.0.0.1.nip.io:PORT'])('refuses Host %s', async (host) => {
    const res = await getWithHost(port, '/api/messages', host.replace('PORT', String(port)));
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('[');
  });
});
