import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { freePort } from './free-port.js';

export interface PgliteServerHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Postgres without installing Postgres: PGlite (Postgres compiled to WASM)
 * served on a loopback port, so TypeORM's normal driver and migrations work.
 */
export async function startPgliteServer(dataDir: string, poolSize: number): Promise<PgliteServerHandle> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const port = await freePort();
  // Every pooled connection needs a slot, or the server resets the extra ones.
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: poolSize * 2 + 10 });
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
