// Runs once when the server starts: migrations (inside getDatabase) and the seed, before any request is served; then
// the e-mail worker and the daily retention job.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // The build's workers must not open (and lock) the database the server will own.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // The socket address for the rate limits, before any request is counted.
  (await import('./lib/peer-address')).installPeerHeader();
  const { seedOnStartup } = await import('./lib/demo/seed');
  await seedOnStartup();
  const [{ startAppWorker }, { startRetentionJob }, { getDb }] = await Promise.all([
    import('./lib/notifications/worker'),
    import('./lib/reports/retention-job'),
    import('./db'),
  ]);
  // The outbox's e-mail worker, once per server process (OUTBOX_WORKER=off leaves it to `npm run worker`).
  startAppWorker(getDb);
  // Contact data erased RETENTION_MONTHS after a report's closing, daily (RETENTION_JOB=off leaves it to a cron).
  startRetentionJob(getDb);
}
