// Runs once when the server starts: migrations (inside getDatabase) and the seed, before any request is served.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // The build's workers must not open (and lock) the database the server will own.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { seedOnStartup } = await import('./lib/demo/seed');
  await seedOnStartup();
}
