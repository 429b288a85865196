// Run as a separate process by the two-instance test: one app instance's intake (receiveReport, as the report form's
// server action calls it) on the database of DATABASE_URL, sending every submission of the JSON file given at once.
// Prints one JSON line: what each submission got back. Started with `node --conditions=react-server --import tsx`.
import { readFile } from 'node:fs/promises';
import { closeDatabase, getDb } from '@/db';
import { receiveReport } from '@/lib/reports/submit';

type Submission = { key: string; ip: string; email: string };
const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: intake-instance.ts <submissions.json>');
const submissions = JSON.parse(await readFile(file, 'utf8')) as Submission[];
const db = await getDb();
const outcomes = await Promise.all(
  submissions.map(async ({ key, ip, email }) => {
    const outcome = await receiveReport(
      db,
      {
        idempotencyKey: key,
        category: 'voirie',
        description: 'Nid-de-poule profond devant l’école.',
        lon: '3.0819',
        lat: '45.7772',
        commune: '',
        address: '',
        name: 'Instance Test',
        email,
        phone: '',
        postalAddress: '',
        noReply: '',
        website: '',
      },
      [],
      { ip, channel: 'web', actor: { type: 'resident' } },
    );
    return {
      key,
      ok: outcome.ok,
      reference: outcome.ok ? outcome.reference : null,
      message: outcome.ok ? null : outcome.message,
    };
  }),
);
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
await closeDatabase();
