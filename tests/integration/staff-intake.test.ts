import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communes, reportEvents, reportFollowers, reports } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { env } from '@/lib/env';
import { getPublicReport } from '@/lib/reports/queries';
import { getSeverityDays } from '@/lib/reports/severity';
import { dueAtFor } from '@/lib/reports/sla';
import { moveReport } from '@/lib/reports/staff-commands';
import { followForCaller, NOT_ALLOWED, receiveIntake } from '@/lib/reports/staff-intake';
import { MESSAGES } from '@/lib/reports/submit';
import { getLocator } from '@/lib/territory/queries';
import { testDbKind, useAppTestDatabase } from '../helpers/database';
import { eventsOf, fileReport, reportRow, seedStaff, type TestStaff } from '../helpers/staff';

// Reports keyed in by staff for a caller (phone) or a visitor at a town-hall desk (counter): who may, which channel
// is recorded whatever the form says, where the report goes, what its history says in public, and what an agent is
// spared (the rate limit) or offered (adding the caller to a report that already exists).

const COURNON = { lon: '3.2217', lat: '45.7402' };
const JAUDE = { lon: '3.0819', lat: '45.7772' };
const PARIS = { lon: '2.35', lat: '48.85' };

let keys = 0;
const newKey = () => `intake-test-${testDbKind}-${process.pid}-${Date.now()}-${++keys}`;

/** The intake form as the browser sends it: a point, a category, a description and the caller's e-mail. */
function form(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    idempotencyKey: newKey(),
    category: 'espaces-verts',
    description: 'Branche cassée qui pend au-dessus du trottoir.',
    ...COURNON,
    commune: '',
    address: '',
    name: 'Paul Appelant',
    email: `paul.${keys}@example.org`,
    phone: '04 73 00 00 00',
    postalAddress: '',
    noReply: '',
    website: '',
    channel: '',
    severity: '',
    ...overrides,
  };
}

describe(`keying in a report for a caller or a visitor (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let staff: (local: string) => TestStaff;
  const db = () => app.handle.db;
  const agent = () => staff('agent');
  const desk = () => staff('accueil.cournon');
  const admin = () => staff('admin');
  const totals = async () => ({
    reports: (await db().select({ n: count() }).from(reports))[0]!.n,
    events: (await db().select({ n: count() }).from(reportEvents))[0]!.n,
    followers: (await db().select({ n: count() }).from(reportFollowers))[0]!.n,
  });

  /** Keys a report in and returns its row; fails the test with the refusal when it is refused. */
  async function keyIn(user: TestStaff, overrides: Record<string, string> = {}) {
    const outcome = await receiveIntake(db(), user, form(overrides), []);
    if (!outcome.ok) throw new Error(`${outcome.message} ${JSON.stringify(outcome.fieldErrors)}`);
    return { outcome, row: await reportRow(db(), outcome.reference) };
  }

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
    staff = await seedStaff(db());
  });
  afterAll(() => app.cleanup());

  describe('refusals, which write nothing', () => {
    it.each([
      ['the elected member', 'elu'],
      ['a pôle manager', 'pole.sud-est'],
    ])('refuses to let %s key a report in', async (_, local) => {
      const before = await totals();
      const outcome = await receiveIntake(db(), staff(local), form({ channel: 'phone' }), []);
      expect(outcome).toEqual(NOT_ALLOWED);
      expect(await totals()).toEqual(before);
    });

    it('answers a severity outside the list with a field error', async () => {
      const before = await totals();
      const outcome = await receiveIntake(db(), agent(), form({ severity: 'urgent' }), []);
      expect(outcome).toMatchObject({ ok: false, fieldErrors: { severity: ['Choisissez une gravité de la liste.'] } });
      expect(await totals()).toEqual(before);
    });

    it('lists every missing field of an empty form at once', async () => {
      const before = await totals();
      const empty = Object.fromEntries(Object.keys(form()).map((name) => [name, '']));
      const outcome = await receiveIntake(db(), agent(), { ...empty, idempotencyKey: newKey() }, []);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(Object.keys(outcome.fieldErrors ?? {})).toEqual(['location', 'category', 'description', 'email']);
      expect(await totals()).toEqual(before);
    });

    it('lists a bad severity together with the other field errors', async () => {
      const outcome = await receiveIntake(db(), agent(), form({ severity: 'urgent', description: '', category: '' }), []);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(Object.keys(outcome.fieldErrors ?? {}).sort()).toEqual(['category', 'description', 'severity']);
    });

    it('refuses a point outside the Métropole with the French message', async () => {
      const before = await totals();
      const outcome = await receiveIntake(db(), agent(), form(PARIS), []);
      expect(outcome).toMatchObject({ ok: false, fieldErrors: { location: [MESSAGES.outside] } });
      expect(await totals()).toEqual(before);
    });
  });

  describe('the channel comes from the role, not from the form', () => {
    it('records a call-centre agent’s report as a phone report, even when the form says counter', async () => {
      const { row } = await keyIn(agent(), { channel: 'counter' });
      expect(row.channel).toBe('phone');
    });

    it('records a town-hall agent’s report as a counter report, even when the form says phone', async () => {
      const { row } = await keyIn(desk(), { channel: 'phone' });
      expect(row.channel).toBe('counter');
    });

    it('lets the administrator say counter, and records phone when they say nothing', async () => {
      expect((await keyIn(admin(), { channel: 'counter' })).row.channel).toBe('counter');
      expect((await keyIn(admin(), { channel: '' })).row.channel).toBe('phone');
      expect((await keyIn(admin(), { channel: 'web' })).row.channel).toBe('phone');
    });
  });

  describe('a phone report for a point in Cournon-d’Auvergne', () => {
    it('lies in Cournon-d’Auvergne for the territory engine', async () => {
      const found = (await getLocator()).locate(Number(COURNON.lon), Number(COURNON.lat));
      expect(found?.commune.insee).toBe('63124');
      expect(found?.pole.id).toBe('sud-est');
    });

    it('goes to the pôle Sud-Est with the agent’s severity and its due date, the agent recorded as its intake', async () => {
      const { outcome, row } = await keyIn(agent(), { category: 'espaces-verts', severity: 'high' });
      expect(outcome).toMatchObject({ ok: true, poleName: 'Pôle de proximité Sud-Est' });
      expect(row).toMatchObject({
        communeInsee: '63124',
        poleId: 'sud-est',
        channel: 'phone',
        intakeUserId: agent().id,
        categorySlug: 'espaces-verts',
        severity: 'high',
        isLocationToConfirm: false,
      });
      expect(row.dueAt).toEqual(dueAtFor('high', row.createdAt, await getSeverityDays(db())));
      expect(outcome.ok && outcome.dueAt).toEqual(row.dueAt);
    });

    it('keeps the category’s severity when the agent leaves « Selon la catégorie »', async () => {
      const { row } = await keyIn(agent(), { category: 'espaces-verts', severity: '' });
      expect(row.severity).toBe('low');
      expect(row.dueAt).toEqual(dueAtFor('low', row.createdAt, await getSeverityDays(db())));
    });

    it('starts its history with a public line saying it came by phone, in the pôle’s name, never the agent’s', async () => {
      const { outcome, row } = await keyIn(agent(), { severity: 'high' });
      const [first, ...rest] = await eventsOf(db(), row.id);
      expect(rest).toHaveLength(0);
      expect(first).toMatchObject({
        kind: 'created',
        actorType: 'staff',
        actorUserId: agent().id,
        actorRole: 'call_centre_agent',
        poleId: 'sud-est',
        isPublic: true,
        reason: 'Signalement reçu par téléphone (numéro vert).',
      });

      const page = await getPublicReport(outcome.reference);
      expect(page?.poleName).toBe('Pôle de proximité Sud-Est');
      expect(page?.timeline).toHaveLength(1);
      expect(page?.timeline[0]).toMatchObject({
        kind: 'created',
        actorLabel: 'Pôle de proximité Sud-Est',
        message: 'Signalement reçu par téléphone (numéro vert).',
      });
      expect(agent().name).toBe('Inès Moreau');
      expect(JSON.stringify(page)).not.toContain('Inès Moreau');
      expect(JSON.stringify(page)).not.toContain(agent().email);
    });
  });

  describe('a counter report at the Cournon town hall for a point in Clermont-Ferrand', () => {
    it('goes to the pôle Centre, as a counter report naming the town hall that received it', async () => {
      const [cournon] = await db().select({ name: communes.name }).from(communes).where(eq(communes.insee, '63124'));
      // The communes data spells the name with a straight apostrophe; the sentence around it with a typographic one.
      expect(cournon!.name).toBe("Cournon-d'Auvergne");

      const { outcome, row } = await keyIn(desk(), JAUDE);
      expect(outcome).toMatchObject({ ok: true, poleName: 'Pôle de proximité Centre' });
      expect(row).toMatchObject({ communeInsee: '63113', poleId: 'centre', channel: 'counter', intakeUserId: desk().id });
      const [first] = await eventsOf(db(), row.id);
      expect(first).toMatchObject({
        kind: 'created',
        actorUserId: desk().id,
        actorRole: 'town_hall_agent',
        isPublic: true,
        reason: "Signalement reçu à l’accueil de la mairie de Cournon-d'Auvergne.",
      });
      const page = await getPublicReport(outcome.reference);
      expect(page?.timeline[0]?.message).toBe("Signalement reçu à l’accueil de la mairie de Cournon-d'Auvergne.");
      expect(JSON.stringify(page)).not.toContain(desk().name);
    });
  });

  it(`applies no rate limit to an agent: 25 reports in a row, above the ${env.RATE_LIMIT_PER_IP} a resident may send`, async () => {
    expect(env.RATE_LIMIT_PER_IP).toBeLessThan(25);
    const before = await totals();
    const references = new Set<string>();
    // The same caller's e-mail every time: the per-e-mail limit does not apply to agents either.
    for (let i = 0; i < 25; i++) {
      const outcome = await receiveIntake(db(), agent(), form({ email: 'appels.repetes@example.org' }), []);
      expect(outcome, `report ${i + 1}`).toMatchObject({ ok: true });
      if (outcome.ok) references.add(outcome.reference);
    }
    expect(references.size).toBe(25);
    expect((await totals()).reports).toBe(before.reports + 25);
  });

  it('files one report for a form sent twice, answering the same reference', async () => {
    const same = form({ severity: 'medium' });
    const before = await totals();
    const first = await receiveIntake(db(), agent(), same, []);
    const second = await receiveIntake(db(), agent(), same, []);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: true });
    expect(first.ok && second.ok && second.reference).toBe(first.ok && first.reference);
    expect(await totals()).toEqual({ ...before, reports: before.reports + 1, events: before.events + 1 });
  });

  describe('adding a caller to a report that already exists', () => {
    const follow = (reference: string, overrides: Record<string, string> = {}) => ({
      idempotencyKey: newKey(),
      reference,
      name: 'Lucie Voisine',
      email: `lucie.${keys}@example.org`,
      phone: '',
      postalAddress: '',
      noReply: '',
      website: '',
      channel: '',
      ...overrides,
    });

    it('refuses the elected member, writing nothing', async () => {
      const { reference } = await fileReport(db(), '63124');
      const before = await totals();
      expect(await followForCaller(db(), staff('elu'), follow(reference))).toEqual(NOT_ALLOWED);
      expect(await totals()).toEqual(before);
    });

    it('refuses a closed report, writing nothing', async () => {
      const { reference } = await fileReport(db(), '63124');
      const row = await reportRow(db(), reference);
      const closed = await moveReport(db(), admin(), {
        reference,
        version: row.version,
        to: 'rejected',
        rejection: 'private_property',
      });
      expect(closed).toMatchObject({ ok: true });
      const before = await totals();
      expect(await followForCaller(db(), agent(), follow(reference))).toEqual({ ok: false, message: MESSAGES.notFollowable });
      expect(await totals()).toEqual(before);
    });

    it('adds the caller as a follower of an open report: no new report, one event naming the agent and the phone', async () => {
      const { id, reference } = await fileReport(db(), '63124');
      const before = await totals();
      const history = await eventsOf(db(), id);

      const outcome = await followForCaller(db(), agent(), follow(reference, { channel: 'counter' }));

      expect(outcome).toMatchObject({ ok: true, reference });
      expect(await totals()).toEqual({ reports: before.reports, events: before.events + 1, followers: before.followers + 1 });
      const added = (await eventsOf(db(), id)).slice(history.length);
      expect(added).toHaveLength(1);
      expect(added[0]).toMatchObject({
        kind: 'follower_added',
        actorType: 'staff',
        actorUserId: agent().id,
        actorRole: 'call_centre_agent',
        data: { channel: 'phone' },
      });
      const [follower] = await db().select().from(reportFollowers).where(eq(reportFollowers.reportId, id));
      expect(follower).toMatchObject({ name: 'Lucie Voisine' });
      expect((await getPublicReport(reference))?.reporterCount).toBe(2);
    });
  });
});
