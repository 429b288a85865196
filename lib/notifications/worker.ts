import 'server-only';
import type { Db } from '@/db';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { deliverDue } from './deliver';
import { createMailer, type Mailer } from './mailer';

// The e-mail worker's loop: a round every OUTBOX_POLL_SECONDS, at once again while rounds come back full. Runs inside
// the app process (started from instrumentation.ts) and as `npm run worker`; on PostgreSQL several may run at once.

export type Worker = { stop: () => Promise<void> };

export function startWorker(
  getDb: () => Promise<Db>,
  {
    mailer = createMailer(),
    pollMs = env.OUTBOX_POLL_SECONDS * 1000,
    limit = 20,
  }: { mailer?: Mailer; pollMs?: number; limit?: number } = {},
): Worker {
  let isStopping = false;
  // The pause between rounds, which stop() cuts short.
  let pause: { timer: NodeJS.Timeout; resolve: () => void } | null = null;
  const loop = (async () => {
    while (!isStopping) {
      let isFull = false;
      try {
        const round = await deliverDue(await getDb(), mailer, { limit });
        isFull = round.claimed === limit;
      } catch (error) {
        log.error('outbox.round_failed', error);
      }
      if (isStopping) break;
      if (!isFull) {
        await new Promise<void>((resolve) => (pause = { timer: setTimeout(resolve, pollMs), resolve }));
        pause = null;
      }
    }
  })();
  log.info('outbox.worker_started', { via: mailer.kind, pollMs });
  return {
    stop: async () => {
      isStopping = true;
      const current = pause as { timer: NodeJS.Timeout; resolve: () => void } | null;
      if (current) {
        clearTimeout(current.timer);
        current.resolve();
      }
      await loop;
      mailer.close();
    },
  };
}

const state = globalThis as unknown as { proximciteWorker?: Worker };

/** Once per server process: the e-mail worker inside the app, unless OUTBOX_WORKER=off (a separate `npm run worker`). */
export function startAppWorker(getDb: () => Promise<Db>): void {
  if (env.OUTBOX_WORKER === 'off' || state.proximciteWorker) return;
  if (!env.SMTP_URL) log.info('outbox.files', { dir: env.MAIL_DIR });
  else if (!env.SITE_URL)
    log.warn('outbox.site_url_missing', { hint: 'SITE_URL non défini : les liens des courriels visent localhost' });
  state.proximciteWorker = startWorker(getDb);
}
