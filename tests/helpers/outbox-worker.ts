// Run as a separate process by the outbox durability tests: an e-mail worker on the database of DATABASE_URL (or the
// PGlite folder of PGLITE_DIR) sending to the SMTP server given as argument, until killed, or until idle when asked.
// Started with `node --conditions=react-server --import tsx`.
import { databaseConfigFromEnv, openDatabase } from '@/db';
import { deliverDue } from '@/lib/notifications/deliver';
import { createMailer } from '@/lib/notifications/mailer';

const [smtpUrl, mode] = process.argv.slice(2);
if (!smtpUrl) throw new Error('usage: outbox-worker.ts <smtp-url> [exit-when-idle]');
const handle = await openDatabase(databaseConfigFromEnv());
const mailer = createMailer({ smtpUrl, from: 'Proxim’Cité <ne-pas-repondre@proximcite.example>', dir: '/nonexistent' });
process.stdout.write('ready\n');
let sent = 0;
for (;;) {
  const round = await deliverDue(handle.db, mailer, { limit: 5 });
  sent += round.sent;
  if (round.claimed === 0) {
    if (mode === 'exit-when-idle') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
process.stdout.write(`sent ${sent}\n`);
mailer.close();
await handle.close();
