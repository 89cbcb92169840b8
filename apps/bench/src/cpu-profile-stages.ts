import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where a worker's CPU goes, as the benchmark reports it. */
export const CPU_STAGES = ['claim', 'rank', 'render', 'mime', 'smtp', 'record', 'postgres client', 'queue', 'gc', 'other'] as const;
export type CpuStage = (typeof CPU_STAGES)[number];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  /** Microseconds on the machine's monotonic clock (what process.hrtime reads). */
  startTime: number;
  timeDeltas: number[];
}

/** A span of the monotonic clock, in microseconds: only samples inside it count. */
export interface ProfileWindow {
  from: bigint;
  to: bigint;
}

/** The samples of a profile taken inside `window`. */
function samplesIn(profile: CpuProfile, window?: ProfileWindow): number[] {
  if (!window) return profile.samples;
  const from = Number(window.from);
  const to = Number(window.to);
  const kept: number[] = [];
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= from && at <= to) kept.push(profile.samples[i]);
  }
  return kept;
}

type Rule = [CpuStage, (fn: string, url: string) => boolean];

// The innermost frame that matches a rule names the stage of a sample: quoted-printable encoding
// called from the renderer counts as MIME, nodemailer called from anywhere as SMTP.
const RULES: Rule[] = [
  ['gc', (fn) => fn === '(garbage collector)'],
  ['mime', (_fn, url) => /mime\/(quoted-printable|raw-message)\.js$/.test(url)],
  ['smtp', (_fn, url) => url.includes('/node_modules/nodemailer/') || url.endsWith('/mail-transport.js') || url.endsWith('/fast-dot-stuffing.js')],
  ['record', (fn, url) => url.endsWith('/delivery-recorder.js') || url.endsWith('/group-commit.js') || /^(markSmtpStarted|markSent|markFinal|requeue|whyNotCleared|renewClaims)$/.test(fn)],
  ['claim', (fn, url) => url.endsWith('/reader-snapshots.js') || /^(claimBatch|dueReaders|queue)$/.test(fn)],
  ['rank', (_fn, url) => url.includes('/libs/matching/') || url.includes('/libs/recommendations/')],
  [
    'render',
    (_fn, url) =>
      /digest\/(digest-renderer|digest-email)\.js$/.test(url) ||
      url.endsWith('/digest-composer.js') ||
      url.includes('/libs/subscribers/') ||
      url.includes('/libs/text-safety/') ||
      url.includes('/node_modules/react') ||
      url.includes('/node_modules/@react-email/'),
  ],
  ['postgres client', (_fn, url) => /\/node_modules\/(pg|pg-pool|pg-protocol|pg-types|typeorm)\//.test(url)],
  ['queue', (_fn, url) => /\/node_modules\/(bullmq|ioredis|@ioredis|cron)\//.test(url)],
];

/** Samples per stage over every `.cpuprofile` in `dir` (idle samples left out). */
export function samplesByStage(dir: string, window?: ProfileWindow): Record<CpuStage, number> {
  const totals = Object.fromEntries(CPU_STAGES.map((s) => [s, 0])) as Record<CpuStage, number>;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const stageOf = new Map<number, CpuStage | null>();
    const classify = (id: number): CpuStage | null => {
      if (stageOf.has(id)) return stageOf.get(id)!;
      const { functionName, url } = byId.get(id)!.callFrame;
      if (functionName === '(idle)') return null;
      const own = RULES.find(([, match]) => match(functionName, url))?.[0];
      const up = parent.get(id);
      const stage = own ?? (up === undefined ? 'other' : (classify(up) ?? 'other'));
      stageOf.set(id, stage);
      return stage;
    };
    for (const sample of samplesIn(profile, window)) {
      const stage = classify(sample);
      if (stage) totals[stage]++;
    }
  }
  return totals;
}

/** The functions with the most samples of their own across the profiles in `dir` (for tuning). */
export function topFunctions(dir: string, window?: ProfileWindow, count = 25): Array<{ share: number; frame: string }> {
  const own = new Map<string, number>();
  let total = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    for (const sample of samplesIn(profile, window)) {
      const { functionName, url } = byId.get(sample)!.callFrame;
      if (functionName === '(idle)') continue;
      const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}`;
      own.set(key, (own.get(key) ?? 0) + 1);
      total++;
    }
  }
  return [...own].sort((a, b) => b[1] - a[1]).slice(0, count).map(([frame, n]) => ({ share: n / total, frame }));
}
