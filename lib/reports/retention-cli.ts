// `npm run retention`: one run of the retention job, for a cron beside an app started with RETENTION_JOB=off (or as a
// check). On the embedded PGlite it is refused while the app holds the folder: the app's own daily job does it there.
import { closeDatabase, getDb } from '@/db';
import { PgliteLockedError } from '@/db/pglite-lock';
import { env } from '@/lib/env';
import { runRetention } from './retention-job';

try {
  const counts = await runRetention(await getDb());
  console.log(
    `Retention (${env.RETENTION_MONTHS} months after closing): contact data erased on ${counts.reports} reports ` +
      `and ${counts.followers} followers; ${counts.cancelled} waiting messages cancelled; ` +
      `${counts.mailFiles} written e-mails deleted.`,
  );
  await closeDatabase();
} catch (error) {
  if (!(error instanceof PgliteLockedError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
