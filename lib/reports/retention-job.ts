import 'server-only';
import type { Db } from '@/db';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { pruneEmlFiles } from '@/lib/notifications/mailer';
import { anonymiseExpired, type RetentionCounts } from './retention';

// The retention job inside the app: a minute after start (the server is up and seeded by then), then every 24 hours,
// once per server process. RETENTION_JOB=off leaves it to a cron running `npm run retention` (retention-cli.ts).

const FIRST_RUN_MS = 60_000;
const EVERY_MS = 24 * 3_600_000;

/** One run with the configured period, logged by counts only (never who). */
export async function runRetention(db: Db, now: Date = new Date()): Promise<RetentionCounts & { mailFiles: number }> {
  const counts = await anonymiseExpired(db, { now, months: env.RETENTION_MONTHS });
  // The e-mails written to files (no SMTP server) hold contact data too: kept no longer than the reports' own.
  const before = new Date(now);
  before.setMonth(before.getMonth() - env.RETENTION_MONTHS);
  const mailFiles = await pruneEmlFiles(before);
  log.info('retention.done', { months: env.RETENTION_MONTHS, ...counts, mailFiles });
  return { ...counts, mailFiles };
}

const state = globalThis as unknown as { proximciteRetention?: NodeJS.Timeout };

export function startRetentionJob(getDb: () => Promise<Db>): void {
  if (env.RETENTION_JOB === 'off' || state.proximciteRetention) return;
  let isRunning = false;
  const run = async () => {
    // A run still going (a very large first erasure) is not doubled by the next tick.
    if (isRunning) return;
    isRunning = true;
    try {
      await runRetention(await getDb());
    } catch (error) {
      log.error('retention.failed', error);
    } finally {
      isRunning = false;
    }
  };
  // Unref'd: the server keeps the process alive; the timers alone must not.
  state.proximciteRetention = setTimeout(() => {
    void run();
    state.proximciteRetention = setInterval(() => void run(), EVERY_MS).unref();
  }, FIRST_RUN_MS).unref();
  log.info('retention.job_started', { months: env.RETENTION_MONTHS, firstRunMs: FIRST_RUN_MS, everyMs: EVERY_MS });
}
