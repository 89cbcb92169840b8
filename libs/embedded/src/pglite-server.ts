import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { freePort } from './free-port.js';
import { PgliteWireServer } from './pglite-wire-server.js';

export interface PgliteServerHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Postgres without installing Postgres: PGlite (Postgres compiled to WASM)
 * served on a loopback port, so TypeORM's normal driver and migrations work.
 * Connections must give the password (random unless given), which the URL carries.
 */
export async function startPgliteServer(dataDir: string, password = randomBytes(24).toString('hex')): Promise<PgliteServerHandle> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const port = await freePort();
  const server = new PgliteWireServer(db, password);
  await server.listen(port);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      await server.close();
      await db.close();
    },
  };
}
