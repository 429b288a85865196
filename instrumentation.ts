// Runs once when the server starts: migrations (inside getDatabase) and the seed, before any request is served; then
// the e-mail worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // The build's workers must not open (and lock) the database the server will own.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { seedOnStartup } = await import('./lib/demo/seed');
  await seedOnStartup();
  // The outbox's e-mail worker, once per server process (OUTBOX_WORKER=off leaves it to `npm run worker`).
  const [{ startAppWorker }, { getDb }] = await Promise.all([import('./lib/notifications/worker'), import('./db')]);
  startAppWorker(getDb);
}
