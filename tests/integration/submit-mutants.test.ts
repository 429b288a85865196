import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportEvents, reportFollowers, reports } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { SERVICE_PHONE } from '@/lib/service';
import { testDbKind, useAppTestDatabase } from '../helpers/database';
import type { TestStaff } from '../helpers/staff';

// What `npm run test:mutation -- --mutate lib/reports/submit.ts` found untested: the words of each refusal (the other
// tests compare a refusal with MESSAGES itself, so an emptied message passed them; a resident reads these words), the
// follow form's honeypot and default channel, the near-border flag of a report placed by commune, an insert that
// fails for another reason than a duplicate, a form sent again once its sender reached the limit, the private links
// the e-mails repeat, and the sender keys of a report an agent keyed in.

// Two reports per address reach the limit; read by lib/env when the modules load below (none may load it before).
process.env.RATE_LIMIT_PER_IP = '2';
const { receiveFollow, receiveReport } = await import('@/lib/reports/submit');
const { getTrackingSecret } = await import('@/lib/secrets');
const { trackingTokenFor } = await import('@/lib/reports/tokens');
const { seedStaff } = await import('../helpers/staff');

let n = 0;
const key = () => `submit-mutants-${testDbKind}-${Date.now()}-${++n}`;
const sender = (ip = `198.18.0.${++n}`) => ({ ip, channel: 'web' as const, actor: { type: 'resident' as const } });
const form = (overrides: Record<string, string> = {}) => ({
  idempotencyKey: key(),
  category: 'voirie',
  description: 'Plaque d’égout descellée au carrefour.',
  lon: '3.0819',
  lat: '45.7772',
  commune: '',
  address: '',
  name: '',
  email: `riverain.${n}@example.org`,
  phone: '',
  postalAddress: '',
  noReply: '',
  website: '',
  ...overrides,
});

describe(`what a refused resident is told (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  const db = () => app.handle.db;
  const message = async (outcome: Promise<{ ok: boolean; message?: string }>) => (await outcome).message;

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
  });
  afterAll(() => app.cleanup());

  it('asks to correct the fields shown, for a report and for a follow', async () => {
    expect(await message(receiveReport(db(), form({ description: '' }), [], sender()))).toMatch(/corrigez les champs/);
    const follow = { idempotencyKey: key(), reference: 'pas-une-référence', name: '', email: 'a@example.org' };
    const outcome = await receiveFollow(db(), { ...follow, phone: '', postalAddress: '', noReply: '', website: '' });
    expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(/^Le suivi n’a pas été enregistré/) });
  });

  it('asks a sender the honeypot caught to reload the page, without naming the trap', async () => {
    const text = await message(receiveReport(db(), form({ website: 'http://spam.example' }), [], sender()));
    expect(text).toMatch(/rechargez la page/);
    expect(text).not.toMatch(/website|robot/i);
  });

  it('tells a sender past the limit to wait, or to call the free number for an emergency', async () => {
    const ip = `198.18.1.${++n}`;
    for (let i = 0; i < 2; i++) expect((await receiveReport(db(), form(), [], sender(ip))).ok).toBe(true);
    const text = await message(receiveReport(db(), form(), [], sender(ip)));
    expect(text).toContain(SERVICE_PHONE);
    expect(text).toMatch(/patienter/);
  });

  it('answers a form sent again after its sender reached the limit with the report it made, not with the limit', async () => {
    const ip = `198.18.2.${++n}`;
    expect((await receiveReport(db(), form(), [], sender(ip))).ok).toBe(true);
    const last = form();
    const first = await receiveReport(db(), last, [], sender(ip));
    // The same form again (a reload, a retry after a timeout): its sender has used both reports of the window.
    const again = await receiveReport(db(), last, [], sender(ip));
    expect(again).toEqual(first);
  });

  it('says a pin outside the Métropole is outside its 21 communes', async () => {
    const outcome = await receiveReport(db(), form({ lon: '2.3522', lat: '48.8566' }), [], sender());
    expect(outcome).toMatchObject({
      ok: false,
      fieldErrors: { location: [expect.stringMatching(/hors du territoire.*21 communes/)] },
    });
  });

  it('offers a new report to someone following a report that does not exist', async () => {
    const follow = { idempotencyKey: key(), reference: 'PC-1999-000001', name: '', email: 'b@example.org' };
    const text = await message(receiveFollow(db(), { ...follow, phone: '', postalAddress: '', noReply: '', website: '' }));
    expect(text).toMatch(/Faites un nouveau signalement/);
  });
});

describe(`what a report and a follow record (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let staff: (local: string) => TestStaff;
  const db = () => app.handle.db;
  const followForm = (reference: string, overrides: Record<string, string> = {}) => ({
    idempotencyKey: key(),
    reference,
    name: '',
    email: `voisin.${++n}@example.org`,
    phone: '',
    postalAddress: '',
    noReply: '',
    website: '',
    ...overrides,
  });
  async function fileReport(overrides: Record<string, string> = {}) {
    const outcome = await receiveReport(db(), form(overrides), [], sender());
    if (!outcome.ok) throw new Error(outcome.message);
    const [row] = await db()
      .select({ id: reports.id, isNearBorder: reports.isNearBorder, isLocationToConfirm: reports.isLocationToConfirm })
      .from(reports)
      .where(eq(reports.reference, outcome.reference));
    return { ...outcome, ...row! };
  }
  const followers = async (reportId: number) =>
    db().select({ id: reportFollowers.id }).from(reportFollowers).where(eq(reportFollowers.reportId, reportId));

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
    staff = await seedStaff(db());
  });
  afterAll(() => app.cleanup());

  it('gives a resident and a follower the private links their e-mails repeat', async () => {
    const secret = await getTrackingSecret(db());
    const reportForm = form();
    const report = await receiveReport(db(), reportForm, [], sender());
    expect(report).toMatchObject({ ok: true, token: trackingTokenFor(secret, 'report', reportForm.idempotencyKey).token });
    const follow = followForm((report as { reference: string }).reference);
    const followed = await receiveFollow(db(), follow);
    expect(followed).toMatchObject({ ok: true, token: trackingTokenFor(secret, 'follow', follow.idempotencyKey).token });
  });

  it('keeps the hashed address and e-mail of a resident’s report, and no sender keys for one an agent keyed in', async () => {
    const senderKeys = async (reference: string) =>
      (await db().select({ keys: reports.senderKeys }).from(reports).where(eq(reports.reference, reference)))[0]!.keys;
    expect(await senderKeys((await fileReport()).reference)).toHaveLength(2);
    const agent = staff('agent');
    const keyedIn = await receiveReport(db(), form({ email: '', noReply: 'on' }), [], {
      ip: `agent:${agent.id}`,
      channel: 'phone',
      actor: { type: 'staff', userId: agent.id, role: agent.role },
      agent: { userId: agent.id, severity: null, receivedText: 'Appel au numéro vert' },
    });
    if (!keyedIn.ok) throw new Error(keyedIn.message);
    // Null, not an empty list: retention takes any list for contact data to erase.
    expect(await senderKeys(keyedIn.reference)).toBeNull();
  });

  it('refuses a follow the honeypot caught, asking to reload the page, and records no follower', async () => {
    const report = await fileReport();
    const outcome = await receiveFollow(db(), followForm(report.reference, { website: 'http://spam.example' }));
    expect(outcome).toEqual({ ok: false, message: expect.stringMatching(/rechargez la page/) });
    expect(await followers(report.id)).toEqual([]);
  });

  it('records a follow without a channel as a resident’s on the web', async () => {
    const report = await fileReport();
    expect((await receiveFollow(db(), followForm(report.reference))).ok).toBe(true);
    const events = await db()
      .select({ actorType: reportEvents.actorType, data: reportEvents.data })
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, report.id), eq(reportEvents.kind, 'follower_added')));
    expect(events).toEqual([{ actorType: 'resident', data: { channel: 'web' } }]);
  });

  it('flags a pin 2 m off the Chamalières / Clermont-Ferrand border as near it, and one far from any border not', async () => {
    // The middle of an edge the two communes share (db/data/communes.geojson), moved 2 m east.
    const nearBorder = await fileReport({ lon: '3.072613', lat: '45.777608' });
    expect(nearBorder).toMatchObject({ isNearBorder: true, isLocationToConfirm: false });
    expect((await fileReport()).isNearBorder).toBe(false);
  });

  it('places a report by its commune at a point to confirm, never flagged as near a border', async () => {
    // Chamalières lies within a few hundred metres of its borders everywhere: its interior point is the farthest.
    for (const insee of ['63113', '63075']) {
      const report = await fileReport({ lon: '', lat: '', commune: insee, address: 'Avenue de Royat' });
      expect(report, insee).toMatchObject({ isNearBorder: false, isLocationToConfirm: true });
    }
  });

  it('throws an insert that failed for another reason than a duplicate, instead of answering it as a success', async () => {
    // A fault the database raises for one description only: the insert fails, and no report holds the key.
    await db().execute(sql`
      create function fail_report_insert() returns trigger language plpgsql as $$
      begin
        if new.description like '%[panne simulée]%' then raise exception 'panne simulée'; end if;
        return new;
      end $$`);
    await db().execute(
      sql`create trigger fail_report_insert before insert on reports for each row execute function fail_report_insert()`,
    );
    try {
      const failing = form({ description: 'Trottoir effondré [panne simulée].' });
      await expect(receiveReport(db(), failing, [], sender())).rejects.toThrow();
      const stored = await db()
        .select({ id: reports.id })
        .from(reports)
        .where(eq(reports.idempotencyKey, failing.idempotencyKey));
      expect(stored).toEqual([]);
    } finally {
      await db().execute(sql`drop trigger fail_report_insert on reports`);
      await db().execute(sql`drop function fail_report_insert`);
    }
  });
});
