import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

// Linux /proc accounting, so the benchmark can say where every core's time went: the worker
// processes, Postgres, Redis, the SMTP sink. Clock ticks are 100 per second on Linux.
const TICK_MS = 10;

function stat(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces; fields start after it.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU of one process in ms (user + system), plus that of its waited-for children that exited. */
export function processCpuMs(pid: number): number {
  const fields = stat(pid);
  if (!fields) return 0;
  // utime, stime, cutime, cstime are fields 14–17 of /proc/<pid>/stat (11–14 after the name).
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * TICK_MS;
}

export function childPids(pid: number): number[] {
  const pids: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) pids.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // gone
  }
  return pids;
}

/** A process and all its descendants. */
export function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...childPids(all[i]));
  return all;
}

/** CPU (ms) of a process tree; children that exited are counted through their parent. */
export const treeCpuMs = (pid: number) => processTree(pid).reduce((sum, p) => sum + processCpuMs(p), 0);

/** Resident set size of a process, MB. */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The pid of the process listening on a TCP port on loopback (for servers started by others, like Postgres). */
export function pidListeningOn(port: number): number | null {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  let inode: string | null = null;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols[1]?.endsWith(`:${hex}`) && cols[3] === '0A') inode = cols[9];
      }
    } catch {
      // no IPv6
    }
    if (inode) break;
  }
  if (!inode) return null;
  return findSocketOwner(inode);
}

function findSocketOwner(inode: string): number | null {
  const target = `socket:[${inode}]`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) === target) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}
