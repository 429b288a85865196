import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportEvents, reports } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { eraseContact, reopenReport } from '@/lib/reports/follow-up';
import { receiveFollow, receiveReport } from '@/lib/reports/submit';
import { testDbKind, useAppTestDatabase } from '../helpers/database';

// What `npm run test:mutation -- --mutate lib/reports/follow-up.ts` found untested: what the holder of a private link
// is told, and what the internal history says was erased.

let n = 0;
const key = () => `follow-up-mutants-${testDbKind}-${Date.now()}-${++n}`;

describe(`the private link’s answers (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  const db = () => app.handle.db;

  async function fileResolvedReport() {
    const outcome = await receiveReport(
      db(),
      {
        idempotencyKey: key(),
        category: 'eclairage-public',
        description: 'Lampadaire éteint devant le numéro 4.',
        lon: '3.0812',
        lat: '45.7781',
        commune: '',
        address: '',
        name: '',
        email: 'resident@example.org',
        phone: '',
        postalAddress: '',
        noReply: '',
        website: '',
      },
      [],
      { ip: `198.51.100.${++n}`, channel: 'web', actor: { type: 'resident' } },
    );
    if (!outcome.ok) throw new Error(outcome.message);
    await db()
      .update(reports)
      .set({ stateKey: 'resolved', resolvedAt: new Date() })
      .where(eq(reports.reference, outcome.reference));
    return outcome;
  }

  const erasedText = async (reference: string) => {
    const [event] = await db()
      .select({ text: reportEvents.reason })
      .from(reportEvents)
      .innerJoin(reports, eq(reports.id, reportEvents.reportId))
      .where(and(eq(reports.reference, reference), eq(reportEvents.kind, 'contact_erased')));
    return event?.text;
  };

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
  });
  afterAll(() => app.cleanup());

  it('tells the resident that the report is reopened and goes back to the pôle', async () => {
    const { reference, token } = await fileResolvedReport();
    expect(await reopenReport(db(), reference, token, 'Le lampadaire est de nouveau éteint.')).toEqual({
      ok: true,
      message: 'Le signalement est rouvert : le pôle de proximité va le reprendre.',
    });
  });

  it('refuses a second reopening with the same link, naming the 30 days rule', async () => {
    const { reference, token } = await fileResolvedReport();
    expect((await reopenReport(db(), reference, token, 'Le lampadaire est de nouveau éteint.')).ok).toBe(true);
    expect(await reopenReport(db(), reference, token, 'Toujours éteint, je le redis.')).toEqual({
      ok: false,
      message: 'Seul un signalement résolu depuis moins de 30 jours peut être rouvert.',
    });
  });

  it('refuses to reopen a report the lifecycle does not let a resident reopen, whatever its resolution date', async () => {
    const { reference, token } = await fileResolvedReport();
    await db().update(reports).set({ stateKey: 'duplicate' }).where(eq(reports.reference, reference));
    expect((await reopenReport(db(), reference, token, 'Le lampadaire est de nouveau éteint.')).ok).toBe(false);
    const [row] = await db().select({ stateKey: reports.stateKey }).from(reports).where(eq(reports.reference, reference));
    expect(row!.stateKey).toBe('duplicate');
  });

  it('lets one of two simultaneous reopenings through and asks the other to reload', async () => {
    const { reference, token } = await fileResolvedReport();
    const answers = await Promise.all([
      reopenReport(db(), reference, token, 'Le lampadaire est de nouveau éteint.'),
      reopenReport(db(), reference, token, 'Toujours éteint ce soir, rue du Port.'),
    ]);
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    // Read before the other's move (« rechargez »), or after it (no longer resolved): never a second reopening.
    expect(answers.find((answer) => !answer.ok)!.message).toMatch(
      /^Le signalement vient d’être modifié : rechargez la page et réessayez\.$|^Seul un signalement résolu/,
    );
  });

  it('refuses a reason over 1,000 characters, with the message beside the field', async () => {
    const { reference, token } = await fileResolvedReport();
    const tooLong = await reopenReport(db(), reference, token, 'x'.repeat(1001));
    expect(tooLong).toEqual({
      ok: false,
      message: 'L’explication ne peut pas dépasser 1000 caractères.',
      fieldErrors: { reason: ['L’explication ne peut pas dépasser 1000 caractères.'] },
    });
  });

  it('tells the reporter what erasing means and records it as the reporter’s erasure', async () => {
    const { reference, token } = await fileResolvedReport();
    expect(await eraseContact(db(), reference, token)).toEqual({
      ok: true,
      message: 'Vos coordonnées ont été effacées. Le signalement reste traité, mais vous ne recevrez pas de réponse.',
    });
    expect(await erasedText(reference)).toBe('Coordonnées du déclarant effacées à sa demande.');
  });

  it('records a follower’s erasure as a follower’s, not the reporter’s', async () => {
    const { reference } = await fileResolvedReport();
    await db().update(reports).set({ stateKey: 'new', resolvedAt: null }).where(eq(reports.reference, reference));
    const followed = await receiveFollow(db(), {
      idempotencyKey: key(),
      reference,
      name: '',
      email: 'voisine@example.org',
      phone: '',
      postalAddress: '',
      noReply: '',
      website: '',
    });
    if (!followed.ok) throw new Error(followed.message);
    expect((await eraseContact(db(), reference, followed.token)).ok).toBe(true);
    expect(await erasedText(reference)).toBe('Coordonnées d’un suiveur effacées à sa demande.');
  });

  it('refuses an erasure with a malformed reference as with a wrong link', async () => {
    const { token } = await fileResolvedReport();
    expect(await eraseContact(db(), 'PC-xx', token)).toEqual({
      ok: false,
      message: 'Ce lien de suivi n’est pas valide pour ce signalement.',
    });
  });
});
