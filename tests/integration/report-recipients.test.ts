import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reports, users } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { seedDemoAccounts } from '@/lib/demo/accounts';
import { listOutcomeRecipients } from '@/lib/reports/recipients';
import { moveReport } from '@/lib/reports/staff-commands';
import { receiveFollow, receiveReport } from '@/lib/reports/submit';
import { testDbKind, useAppTestDatabase } from '../helpers/database';

let n = 0;
const key = () => `recipients-${testDbKind}-${Date.now()}-${++n}`;

describe(`who is told a report's outcome (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  const db = () => app.handle.db;

  const file = async (contact: { name: string; email: string; noReply?: string }) => {
    const outcome = await receiveReport(
      db(),
      {
        idempotencyKey: key(),
        category: 'voirie',
        description: 'Nid-de-poule devant la mairie de Gerzat.',
        lon: '3.1449',
        lat: '45.8246',
        commune: '',
        address: '',
        phone: '',
        postalAddress: '',
        noReply: contact.noReply ?? '',
        website: '',
        ...contact,
      },
      [],
      { ip: `192.0.2.${++n}`, channel: 'web', actor: { type: 'resident' } },
    );
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.reference;
  };
  const idOf = async (reference: string) =>
    (await db().select({ id: reports.id, version: reports.version }).from(reports).where(eq(reports.reference, reference)))[0]!;

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
    await seedDemoAccounts(db(), 'un-mot-de-passe-de-test');
  });
  afterAll(() => app.cleanup());

  it('leaves out a reporter who declined an answer', async () => {
    const reference = await file({ name: 'Sans Réponse', email: '', noReply: 'on' });
    expect(await listOutcomeRecipients(db(), (await idOf(reference)).id)).toEqual([]);
  });

  it('tells the duplicate’s reporter and followers the original’s outcome', async () => {
    const original = await file({ name: 'Première Personne', email: 'premiere@example.org' });
    const duplicate = await file({ name: 'Seconde Personne', email: 'seconde@example.org' });
    const follow = await receiveFollow(db(), {
      idempotencyKey: key(),
      reference: duplicate,
      name: 'Voisin',
      email: 'voisin@example.org',
      phone: '',
      postalAddress: '',
      noReply: '',
      website: '',
    });
    expect(follow.ok).toBe(true);
    const [manager] = await db().select().from(users).where(eq(users.email, 'pole.nord@demo.proximcite.fr'));
    const marked = await moveReport(db(), manager!, {
      reference: duplicate,
      version: String((await idOf(duplicate)).version),
      to: 'duplicate',
      originalReference: original,
    });
    expect(marked.ok).toBe(true);

    const recipients = await listOutcomeRecipients(db(), (await idOf(original)).id);
    expect(recipients.map((r) => [r.kind, r.reference, r.email]).sort()).toEqual(
      [
        ['reporter', original, 'premiere@example.org'],
        ['reporter', duplicate, 'seconde@example.org'],
        ['follower', duplicate, 'voisin@example.org'],
      ].sort(),
    );
  });
});
