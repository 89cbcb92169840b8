import type { INestApplicationContext } from '@nestjs/common';
import { ConfigError } from '@app/config';

/**
 * Runs an entry point; a configuration error becomes one line on stderr and
 * exit code 1 (operators need the variable name, not a stack trace).
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`Paperboy cannot start: ${error.message}\n`);
    } else {
      process.stderr.write(`Paperboy failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(1);
  });
}

export interface ShutdownOptions {
  timeoutMs: number;
  /** Runs before the Nest app closes (e.g. stop worker processes that still need the database). */
  before?: () => Promise<void> | undefined;
  /** Runs after the Nest app has closed (e.g. stop embedded servers). */
  after?: () => Promise<void>;
  log?: (message: string) => void;
}

/**
 * SIGTERM/SIGINT: stop taking requests and jobs, let in-flight work finish
 * (Nest closes the HTTP server, BullMQ workers wait for active jobs), close
 * pools, then exit. If that takes longer than timeoutMs, exit anyway.
 */
export function exitGracefullyOnSignals(app: INestApplicationContext, options: ShutdownOptions): void {
  let closing = false;
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) {
      log(`${signal} again: exiting now.`);
      process.exit(130);
    }
    closing = true;
    log(`${signal} received: finishing in-flight work (at most ${Math.round(options.timeoutMs / 1000)} s)…`);
    const deadline = setTimeout(() => {
      log('Shutdown timed out; exiting with work unfinished (jobs will be retried).');
      process.exit(1);
    }, options.timeoutMs);
    deadline.unref();
    let code = 0;
    try {
      await options.before?.();
    } catch (error) {
      code = 1;
      log(`Error while stopping worker processes: ${String(error)}`);
    }
    try {
      await app.close();
    } catch (error) {
      code = 1;
      log(`Error while closing: ${String(error)}`);
    }
    try {
      await options.after?.();
    } catch (error) {
      code = 1;
      log(`Error while stopping embedded services: ${String(error)}`);
    }
    log('Stopped.');
    process.exit(code);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
