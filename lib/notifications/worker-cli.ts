// `npm run worker`: the e-mail worker on its own, for a deployment that runs the app with OUTBOX_WORKER=off. On
// PostgreSQL any number may run beside each other; on the embedded PGlite the app's own worker is the only one possible.
import { closeDatabase, getDb } from '@/db';
import { log } from '@/lib/log';
import { startWorker } from './worker';

const worker = startWorker(getDb);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log.info('outbox.worker_stopping', { signal });
    void worker
      .stop()
      .then(() => closeDatabase())
      .then(() => process.exit(0));
  });
}
