import { fork, type ChildProcess } from 'node:child_process';

export interface SupervisorOptions {
  /** The worker entry point to run in each process. */
  script: string;
  processes: number;
  env: NodeJS.ProcessEnv;
  /** How long a stopping worker may take to finish its in-flight work before it is killed. */
  shutdownTimeoutMs: number;
  /** V8 old-space limit of each worker (MB). */
  maxHeapMb?: number;
  log?: (message: string) => void;
}

export interface Supervisor {
  /** Resolves when every worker process has said it started. */
  ready: Promise<void>;
  /** SIGTERM to every worker, then wait for all of them (SIGKILL after the timeout). */
  stop(): Promise<void>;
}

/**
 * Runs `processes` copies of the worker entry point and keeps them running: a worker that dies is
 * restarted (after a growing pause, so a crash loop does not spin); on stop each gets SIGTERM and
 * finishes its in-flight digests. Each child is told it is a single worker (WORKER_PROCESSES=1)
 * and its index (WORKER_INDEX).
 */
export function superviseWorkers(options: SupervisorOptions): Supervisor {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const children = new Map<number, ChildProcess>();
  const failures = new Map<number, number>();
  let stopping = false;
  const readiness: Array<Promise<void>> = [];

  const start = (index: number): Promise<void> => {
    const child = fork(options.script, [], {
      // The supervisor's own flags (a profiler, say) are passed on; a heap limit is added.
      execArgv: [...process.execArgv, ...(options.maxHeapMb ? [`--max-old-space-size=${options.maxHeapMb}`] : [])],
      env: { ...options.env, WORKER_PROCESSES: '1', WORKER_INDEX: String(index) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    children.set(index, child);
    const started = new Promise<void>((resolve) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        process.stdout.write(text);
        if (/worker started/.test(text)) resolve();
      });
      child.once('exit', () => resolve());
    });
    child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.once('exit', (code, signal) => {
      children.delete(index);
      if (stopping) return;
      const failed = (failures.get(index) ?? 0) + 1;
      failures.set(index, failed);
      const pause = Math.min(30_000, 500 * 2 ** Math.min(failed, 6));
      log(`worker ${index} (pid ${child.pid}) exited (${signal ?? code}); restarting in ${pause} ms`);
      setTimeout(() => {
        if (!stopping) void start(index);
      }, pause).unref();
    });
    return started;
  };

  for (let i = 0; i < options.processes; i++) readiness.push(start(i));

  return {
    ready: Promise.all(readiness).then(() => undefined),
    async stop() {
      stopping = true;
      await Promise.all(
        [...children.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              const kill = setTimeout(() => child.kill('SIGKILL'), options.shutdownTimeoutMs + 2000);
              child.once('exit', () => {
                clearTimeout(kill);
                resolve();
              });
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
