import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startPgliteServer, type PgliteServerHandle } from './pglite-server.js';

// The embedded database of `npm start`: many pooled connections (API and worker) share one PGlite session.
describe('PGlite served to many connections', () => {
  let dir: string;
  let server: PgliteServerHandle;
  const clients: pg.Client[] = [];

  const client = async () => {
    const c = new pg.Client({ connectionString: server.url });
    await c.connect();
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'paperboy-pglite-wire-'));
    server = await startPgliteServer(path.join(dir, 'db'));
    const setup = await client();
    await setup.query('CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)');
  }, 60000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks for the password in its URL and refuses anyone without it', async () => {
    const url = new URL(server.url);
    expect(url.password.length).toBeGreaterThanOrEqual(20);
    for (const password of ['', 'postgres', 'wrong-password']) {
      url.password = password;
      const intruder = new pg.Client({ connectionString: url.toString() });
      intruder.on('error', () => undefined);
      await expect(intruder.connect()).rejects.toThrow(/password/);
      await intruder.end().catch(() => undefined);
    }
    // The server still serves those who know it.
    expect((await (await client()).query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('keeps each connection’s parameterized queries whole when several run at once', async () => {
    const connections = await Promise.all(Array.from({ length: 6 }, () => client()));
    // Different statements with different parameter counts, so an interleaved Parse/Bind would fail loudly.
    const answers = await Promise.all(
      connections.flatMap((c, i) =>
        Array.from({ length: 20 }, async (_, j) => {
          if (j % 2 === 0) return (await c.query('SELECT $1::int + $2::int AS v', [i, j])).rows[0].v as number;
          return (await c.query('SELECT $1::int * 1000 AS v', [i * 100 + j])).rows[0].v as number;
        }),
      ),
    );
    const expected = Array.from({ length: 6 }, (_, i) => Array.from({ length: 20 }, (_, j) => (j % 2 === 0 ? i + j : (i * 100 + j) * 1000))).flat();
    expect(answers).toEqual(expected);
  });

  it('keeps them whole while other connections open and commit transactions (the worker ingesting while the site serves)', async () => {
    const writers = await Promise.all(Array.from({ length: 3 }, () => client()));
    const readers = await Promise.all(Array.from({ length: 3 }, () => client()));
    const writes = writers.map(async (c, i) => {
      for (let j = 0; j < 15; j++) {
        await c.query('BEGIN');
        await c.query('INSERT INTO notes (body) VALUES ($1)', [`w${i}.${j}`]);
        await c.query('UPDATE notes SET body = $1 WHERE body = $2', [`w${i}.${j}!`, `w${i}.${j}`]);
        await c.query('COMMIT');
      }
    });
    const reads = readers.map(async (c, i) => {
      const got: number[] = [];
      for (let j = 0; j < 30; j++) got.push((await c.query(j % 2 ? 'SELECT $1::int + $2::int AS v' : 'SELECT $1::int AS v', j % 2 ? [i, j] : [j])).rows[0].v);
      return got;
    });
    const [, ...answers] = await Promise.all([Promise.all(writes), ...reads]);
    for (const [i, got] of answers.entries()) expect(got).toEqual(Array.from({ length: 30 }, (_, j) => (j % 2 ? i + j : j)));
    expect((await writers[0].query("SELECT count(*)::int AS n FROM notes WHERE body LIKE 'w%!'")).rows[0].n).toBe(45);
    await Promise.all(writers.map((c) => c.query("DELETE FROM notes WHERE body LIKE 'w%'")));
  });

  it('lets no other connection in while one holds a transaction, so none sees or joins it half done', async () => {
    const [a, b] = [await client(), await client()];
    await a.query('BEGIN');
    await a.query("INSERT INTO notes (body) VALUES ('from a')");
    let bAnswered = false;
    const bCount = b.query('SELECT count(*)::int AS n FROM notes').then((r) => {
      bAnswered = true;
      return r.rows[0].n as number;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(bAnswered).toBe(false);
    await a.query('COMMIT');
    expect(await bCount).toBe(1);
  });

  it('rolls back the transaction of a connection that disconnects, and serves the others again', async () => {
    const [a, b] = [await client(), await client()];
    await a.query('BEGIN');
    await a.query("INSERT INTO notes (body) VALUES ('abandoned')");
    const waiting = b.query("SELECT count(*)::int AS n FROM notes WHERE body = 'abandoned'");
    a.on('error', () => undefined); // its own connection is about to break
    (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect((await waiting).rows[0].n).toBe(0);
  });
});
