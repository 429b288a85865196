import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';

// Two processes on one PGlite folder silently lose one side's writes (PGlite has no lock of its own),
// so the folder is owned through a sibling lock file naming its holder.

type Holder = { pid: number; hostname: string; command: string; since: string };

export class PgliteLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: Holder,
  ) {
    super(
      `The embedded database ${dir} is already open in process ${holder.pid} (${holder.command}, since ${holder.since}). ` +
        `Stop that process first, or point DATABASE_URL at a PostgreSQL server. ` +
        `If no such process runs, delete ${lockPathFor(dir)}.`,
    );
    this.name = 'PgliteLockedError';
  }
}

const heldInThisProcess = new Set<string>();

export function lockPathFor(dir: string): string {
  return `${resolve(dir)}.lock`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): Holder | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Holder;
  } catch {
    return null;
  }
}

/** Takes the folder's lock or throws PgliteLockedError; returns the release function. */
export function acquirePgliteLock(dir: string): () => void {
  const path = lockPathFor(dir);
  if (heldInThisProcess.has(path)) {
    throw new PgliteLockedError(dir, { pid: process.pid, hostname: hostname(), command: 'this process', since: 'earlier' });
  }
  mkdirSync(dirname(path), { recursive: true });
  const me: Holder = {
    pid: process.pid,
    hostname: hostname(),
    command: process.argv.slice(1, 3).join(' '),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      heldInThisProcess.add(path);
      const release = () => {
        if (!heldInThisProcess.delete(path)) return;
        try {
          unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      const isStale = holder !== null && holder.hostname === me.hostname && !isAlive(holder.pid);
      if (holder && !isStale) throw new PgliteLockedError(dir, holder);
      // A stale lock (its process is gone) or an unreadable one left by a crash mid-write.
      unlinkSync(path);
    }
  }
  throw new Error(`Could not take the lock ${path}`);
}
