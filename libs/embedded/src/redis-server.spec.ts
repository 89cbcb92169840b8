import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServerHandle } from './redis-server.js';

describe('the private redis-server of npm start, with a password', () => {
  let dir: string;
  let server: RedisServerHandle;
  const password = 'p4ssw0rd-from-the-data-dir-0123456789';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'paperboy-redis-auth-'));
    server = await startRedisServer({ dir, persistent: false, password }, 'n/a');
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What the server answers to raw commands (inline protocol), as a stranger on this machine would send them. */
  const raw = (commands: string[]) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write(commands.map((c) => `${c}\r\n`).join('')));
      let answer = '';
      socket.on('data', (chunk: Buffer) => {
        answer += chunk.toString();
        if (answer.split('\r\n').length > commands.length) socket.end();
      });
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });

  it('refuses commands without the password', async () => {
    expect(await raw(['PING'])).toMatch(/^-NOAUTH/);
    expect(await raw(['AUTH wrong-password', 'PING'])).toMatch(/^-WRONGPASS[^\n]*\n-NOAUTH/);
    expect(await raw([`AUTH ${password}`, 'PING'])).toBe('+OK\r\n+PONG\r\n');
  });

  it('serves its URL, which carries the password', async () => {
    const client = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    await client.connect();
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
  });

  it('keeps the password out of its command line, in a file only its owner reads', () => {
    expect(readFileSync(`/proc/${server.pid}/cmdline`, 'utf8')).not.toContain(password);
    const conf = path.join(dir, 'redis.conf');
    expect(readFileSync(conf, 'utf8')).toContain(password);
    expect(statSync(conf).mode & 0o077).toBe(0);
  });
});
