import { and, isNotNull, like, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { communes, reports, type Channel, type NewReport, type Severity, type StateKey } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { getKeyFigures } from '@/lib/figures/queries';
import { parseFigureQuery } from '@/lib/figures/filters';
import { DEMO_HISTORY, seedDemo } from '@/lib/demo/seed';
import { dueAtFor } from '@/lib/reports/sla';
import { openTestDatabase, testDbKind } from '../helpers/database';

// The key figures against a fixture counted by hand: five reports of 2025 (one on each side of the Paris new year),
// three resolved with delays of 71 h, 101 h and 192 h — the first over a weekend and the second over Easter Monday,
// both within their due date, the third late — and two still open, both overdue.

const NOW = new Date('2026-03-01T12:00:00+01:00');
const HOUR = 3_600_000;

type Fixture = {
  channel: Channel;
  category: string;
  insee: string;
  createdAt: string;
  severity: Severity;
  state: StateKey;
  resolvedAfterHours?: number;
};

const FIXTURE: Fixture[] = [
  // Friday 10:00, due Tuesday 10:00 (2 working days over the weekend), resolved Monday 09:00.
  {
    channel: 'web',
    category: 'voirie',
    insee: '63113',
    createdAt: '2025-03-07T10:00:00+01:00',
    severity: 'high',
    state: 'resolved',
    resolvedAfterHours: 71,
  },
  // Good Friday 10:00, due Wednesday 10:00 (Easter Monday is a holiday), resolved Tuesday 15:00.
  {
    channel: 'phone',
    category: 'voirie',
    insee: '63113',
    createdAt: '2025-04-18T10:00:00+02:00',
    severity: 'high',
    state: 'resolved',
    resolvedAfterHours: 101,
  },
  // Monday 09:00, due Thursday 09:00, resolved eight days later.
  {
    channel: 'phone',
    category: 'nettoyage',
    insee: '63124',
    createdAt: '2025-06-02T09:00:00+02:00',
    severity: 'medium',
    state: 'resolved',
    resolvedAfterHours: 192,
  },
  {
    channel: 'counter',
    category: 'nettoyage',
    insee: '63124',
    createdAt: '2025-09-01T08:00:00+02:00',
    severity: 'medium',
    state: 'acknowledged',
  },
  // 23:30 on 31 December in Paris: still 2025.
  { channel: 'api', category: 'autres', insee: '63113', createdAt: '2025-12-31T23:30:00+01:00', severity: 'low', state: 'new' },
  // 00:30 on 1 January in Paris (still 2025 in UTC): 2026.
  { channel: 'web', category: 'autres', insee: '63113', createdAt: '2026-01-01T00:30:00+01:00', severity: 'low', state: 'new' },
  { channel: 'web', category: 'voirie', insee: '63113', createdAt: '2024-06-01T10:00:00+02:00', severity: 'high', state: 'new' },
];

async function insertFixture(db: Db) {
  const poleOf = new Map(
    (await db.select({ insee: communes.insee, poleId: communes.poleId }).from(communes)).map((c) => [c.insee, c.poleId]),
  );
  const rows: NewReport[] = FIXTURE.map((f, i) => {
    const createdAt = new Date(f.createdAt);
    return {
      reference: `PC-${createdAt.getUTCFullYear()}-${String(900_000 + i).padStart(6, '0')}`,
      categorySlug: f.category,
      description: 'Fixture',
      lon: 3.08,
      lat: 45.77,
      communeInsee: f.insee,
      poleId: poleOf.get(f.insee)!,
      channel: f.channel,
      stateKey: f.state,
      severity: f.severity,
      dueAt: dueAtFor(f.severity, createdAt),
      createdAt,
      acknowledgedAt: f.state === 'new' ? null : new Date(createdAt.getTime() + 2 * HOUR),
      resolvedAt: f.resolvedAfterHours ? new Date(createdAt.getTime() + f.resolvedAfterHours * HOUR) : null,
    };
  });
  await db.insert(reports).values(rows);
}

const figuresOf = (db: Db, query: string) =>
  getKeyFigures(parseFigureQuery(new URLSearchParams(query), NOW), { db, now: NOW, fresh: true });

describe(`key figures (${testDbKind})`, () => {
  let handle: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    handle = await openTestDatabase();
    await seedBase(handle.db);
    await insertFixture(handle.db);
  });
  afterAll(() => handle.cleanup());

  it('counts a year in Paris time, by channel, category, commune and month', async () => {
    const figures = await figuresOf(handle.db, 'annee=2025');
    expect(figures.total).toBe(5);
    expect(Object.fromEntries(figures.byChannel.map((c) => [c.key, c.count]))).toEqual({ web: 1, phone: 2, counter: 1, api: 1 });
    // Most reported first; a tie keeps the categories' own order.
    expect(figures.byCategory.filter((c) => c.count > 0).map((c) => [c.key, c.count])).toEqual([
      ['nettoyage', 2],
      ['voirie', 2],
      ['autres', 1],
    ]);
    expect(figures.byCommune.find((c) => c.key === '63113')!.count).toBe(3);
    expect(figures.byCommune.find((c) => c.key === '63124')!.count).toBe(2);
    expect(figures.byCommune.reduce((sum, c) => sum + c.count, 0)).toBe(5);
    expect(figures.byPole.reduce((sum, p) => sum + p.count, 0)).toBe(5);
    expect(figures.byMonth).toHaveLength(12);
    expect(figures.byMonth.map((m) => m.count)).toEqual([0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1]);
  });

  it('gives the median and 90th percentile of resolution delays and the share resolved within the due date', async () => {
    const { handling } = await figuresOf(handle.db, 'annee=2025');
    expect(handling.resolved).toBe(3);
    expect(handling.medianHours).toBeCloseTo(101, 6);
    // percentile_cont: 71, 101, 192 → 101 + 0.8 × (192 − 101).
    expect(handling.p90Hours).toBeCloseTo(173.8, 6);
    // The weekend and Easter Monday do not count against the pôle: 2 of 3 on time.
    expect(handling.resolvedWithinDue).toBe(2);
    expect(handling.withinDueShare).toBeCloseTo(2 / 3, 6);
  });

  it('gives the open backlog, its overdue part and its age', async () => {
    const { handling } = await figuresOf(handle.db, 'annee=2025');
    expect(handling.open).toBe(2);
    expect(handling.overdue).toBe(2);
    expect(handling.openByAge.map((a) => a.count)).toEqual([0, 0, 0, 2]);
    expect(handling.openMedianAgeHours).toBeGreaterThan(30 * 24);
  });

  it('filters by a period of days, a channel, a commune and a category', async () => {
    expect((await figuresOf(handle.db, 'du=2025-04-01&au=2025-06-30')).total).toBe(2);
    expect((await figuresOf(handle.db, 'du=2025-12-31&au=2025-12-31')).total).toBe(1);
    expect((await figuresOf(handle.db, 'annee=2025&canal=phone')).total).toBe(2);
    expect((await figuresOf(handle.db, 'annee=2025&commune=63124')).total).toBe(2);
    expect((await figuresOf(handle.db, 'annee=2025&categorie=voirie')).handling.medianHours).toBeCloseTo(86, 6);
    expect((await figuresOf(handle.db, 'annee=2026')).total).toBe(1);
    expect((await figuresOf(handle.db, 'annee=2024')).total).toBe(1);
  });

  it('falls back to the current year for a year it cannot show, and counts nothing for an unknown pôle', async () => {
    const current = await figuresOf(handle.db, 'annee=1999');
    expect(current.total).toBe(1);
    expect(current.byMonth).toHaveLength(3);
    expect((await figuresOf(handle.db, 'annee=2025&pole=nulle-part')).total).toBe(0);
  });
});

describe(`the demo's year 2017 (${testDbKind})`, () => {
  let handle: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    handle = await openTestDatabase();
    await seedBase(handle.db);
  });
  afterAll(() => handle.cleanup());

  it('reproduces the seed’s published figures: 3,021 reports, 976 by phone, 2,045 by the web form', async () => {
    const started = Date.now();
    const added = await seedDemo(handle.db, { count: 20 });
    console.log(`seeded the demo with its year 2017 in ${Date.now() - started} ms`);
    expect(added).toBe(20 + DEMO_HISTORY.phone + DEMO_HISTORY.web);
    const figures = await getKeyFigures(parseFigureQuery(new URLSearchParams('annee=2017')), { db: handle.db, fresh: true });
    expect(figures.total).toBe(3021);
    expect(Object.fromEntries(figures.byChannel.map((c) => [c.key, c.count]))).toEqual({
      web: 2045,
      phone: 976,
      counter: 0,
      api: 0,
    });
    expect(figures.byMonth.every((m) => m.count > 150)).toBe(true);
    expect(figures.byCommune.every((c) => c.count > 0)).toBe(true);
    expect(figures.byCategory.every((c) => c.count > 0)).toBe(true);
    expect(figures.handling.open).toBe(0);
    expect(figures.handling.withinDueShare).toBeGreaterThan(0.6);
    // Contact data of 2017 is long erased: no 2017 report keeps any.
    const withContact = await handle.db
      .select({ reference: reports.reference })
      .from(reports)
      .where(
        and(
          like(reports.reference, 'PC-2017-%'),
          or(
            isNotNull(reports.reporterName),
            isNotNull(reports.reporterEmail),
            isNotNull(reports.reporterPhone),
            isNotNull(reports.reporterAddress),
          ),
        ),
      );
    expect(withContact).toEqual([]);
    expect(await seedDemo(handle.db, { count: 20 })).toBe(0);
  });
});
