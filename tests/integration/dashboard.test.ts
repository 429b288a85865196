import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { communes, reportEvents, reports, type NewReport, type Severity, type StateKey } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { loadDashboard } from '@/lib/figures/dashboard';
import { exportDashboardCsv } from '@/lib/figures/dashboard-export';
import { parseDashboardQuery } from '@/lib/figures/filters';
import { dueAtFor } from '@/lib/reports/sla';
import { openTestDatabase, testDbKind } from '../helpers/database';
import { seedStaff, type TestStaff } from '../helpers/staff';

// The dashboard's lists and its export keep to what each person may read; its aggregates count alike for everyone.
// Reports in Gerzat (pôle Nord), Clermont-Ferrand (Centre) and Cournon (the town-hall agent's commune), with contact
// data and descriptions marked so that a leak shows.

const NOW = new Date('2026-06-15T12:00:00+02:00');
const HOUR = 3_600_000;
const MARK = 'MARQUEUR-PRIVE';

type Fixture = {
  insee: string;
  state: StateKey;
  severity: Severity;
  createdAt: string;
  resolvedAfterHours?: number;
  reopened?: boolean;
  description?: string;
};

const FIXTURE: Fixture[] = [
  // Nord: one resolved in time (high), one resolved late (low) then reopened and resolved again, one open overdue.
  { insee: '63164', state: 'resolved', severity: 'high', createdAt: '2026-03-02T09:00:00+01:00', resolvedAfterHours: 24 },
  {
    insee: '63164',
    state: 'resolved',
    severity: 'low',
    createdAt: '2026-03-02T09:00:00+01:00',
    resolvedAfterHours: 24 * 12,
    reopened: true,
  },
  {
    insee: '63164',
    state: 'acknowledged',
    severity: 'medium',
    createdAt: '2026-05-04T09:00:00+02:00',
    description: '=HYPERLINK("http://evil.example")',
  },
  // Centre: one open overdue, one open not yet due.
  { insee: '63113', state: 'in_progress', severity: 'high', createdAt: '2026-04-01T09:00:00+02:00' },
  { insee: '63113', state: 'new', severity: 'low', createdAt: '2026-06-15T11:00:00+02:00' },
  // Cournon (pôle of its own): one open overdue.
  { insee: '63124', state: 'new', severity: 'medium', createdAt: '2026-05-11T09:00:00+02:00' },
];

async function insertFixture(db: Db) {
  const poleOf = new Map(
    (await db.select({ insee: communes.insee, poleId: communes.poleId }).from(communes)).map((c) => [c.insee, c.poleId]),
  );
  const rows: NewReport[] = FIXTURE.map((f, i) => {
    const createdAt = new Date(f.createdAt);
    return {
      reference: `PC-2026-${String(800_000 + i).padStart(6, '0')}`,
      categorySlug: 'voirie',
      description: f.description ?? `Description ${MARK}-${i}`,
      lon: 3.1,
      lat: 45.78,
      communeInsee: f.insee,
      poleId: poleOf.get(f.insee)!,
      channel: 'phone',
      stateKey: f.state,
      severity: f.severity,
      dueAt: dueAtFor(f.severity, createdAt),
      createdAt,
      acknowledgedAt: f.state === 'new' ? null : new Date(createdAt.getTime() + 3 * HOUR),
      resolvedAt: f.resolvedAfterHours ? new Date(createdAt.getTime() + f.resolvedAfterHours * HOUR) : null,
      reporterName: `Nom ${MARK}-${i}`,
      reporterEmail: `personne.${i}@example.org`,
      reporterPhone: `04 73 00 00 ${String(i).padStart(2, '0')}`,
      reporterAddress: `${i} rue ${MARK}`,
    };
  });
  const inserted = await db.insert(reports).values(rows).returning({ id: reports.id, poleId: reports.poleId });
  const reopened = FIXTURE.flatMap((f, i) => (f.reopened ? [inserted[i]!] : []));
  for (const report of reopened) {
    await db.insert(reportEvents).values({
      reportId: report.id,
      kind: 'reopened',
      actorType: 'resident',
      poleId: report.poleId,
      fromState: 'resolved',
      toState: 'reopened',
      isPublic: true,
    });
  }
}

async function readCsv(staff: TestStaff, db: Db, query = 'annee=2026') {
  const stream = await exportDashboardCsv(staff, parseDashboardQuery(new URLSearchParams(query), staff, NOW), { db, now: NOW });
  const text = await new Response(stream).text();
  return {
    text,
    lines: text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n'),
  };
}

describe(`dashboard (${testDbKind})`, () => {
  let handle: Awaited<ReturnType<typeof openTestDatabase>>;
  let staff: (local: string) => TestStaff;
  const dashboard = (who: TestStaff, query: string) =>
    loadDashboard(who, parseDashboardQuery(new URLSearchParams(query), who, NOW), { db: handle.db, now: NOW });

  beforeAll(async () => {
    handle = await openTestDatabase();
    await seedBase(handle.db);
    staff = await seedStaff(handle.db);
    await insertFixture(handle.db);
  });
  afterAll(() => handle.cleanup());

  it('lists to a pôle manager only their pôle’s overdue reports and workload, whatever pôle the view asks for', async () => {
    const manager = staff('pole.nord');
    for (const query of ['annee=2026', 'annee=2026&pole=tous', 'annee=2026&pole=centre']) {
      const view = await dashboard(manager, query);
      expect(
        view.overdue.every((row) => row.pole.endsWith('Nord')),
        query,
      ).toBe(true);
      expect(
        view.workload.reduce((sum, row) => sum + row.open, 0),
        query,
      ).toBe(query.endsWith('centre') ? 0 : 1);
    }
    expect((await dashboard(manager, 'annee=2026')).overdue.map((row) => row.reference)).toEqual(['PC-2026-800002']);
  });

  it('lists to a town-hall agent only their commune, and starts their view there', async () => {
    const agent = staff('accueil.cournon');
    const view = await dashboard(agent, 'annee=2026');
    expect(view.figures.total).toBe(1);
    expect(view.overdue.map((row) => row.commune)).toEqual(["Cournon-d'Auvergne"]);
    const all = await dashboard(agent, 'annee=2026&commune=toutes');
    expect(all.figures.total).toBe(6);
    expect(all.overdue.map((row) => row.commune)).toEqual(["Cournon-d'Auvergne"]);
  });

  it('shows an elected official and the administrator every pôle and every overdue report', async () => {
    for (const who of [staff('elu'), staff('admin')]) {
      const view = await dashboard(who, 'annee=2026');
      expect(view.figures.total).toBe(6);
      expect(view.poles).toHaveLength(7);
      expect(view.overdue).toHaveLength(3);
    }
  });

  it('starts a pôle manager on their pôle and lets them choose the whole Métropole', async () => {
    const manager = staff('pole.nord');
    expect(parseDashboardQuery(new URLSearchParams(), manager, NOW).poleId).toBe('nord');
    expect(parseDashboardQuery(new URLSearchParams('pole=tous'), manager, NOW).poleId).toBeUndefined();
    expect(parseDashboardQuery(new URLSearchParams('pole=centre'), manager, NOW).poleId).toBe('centre');
    expect(parseDashboardQuery(new URLSearchParams(), staff('elu'), NOW).poleId).toBeUndefined();
  });

  it('gives per pôle the share resolved in time per severity, the reopen rate and the time to acknowledge', async () => {
    const view = await dashboard(staff('admin'), 'annee=2026');
    const nord = view.poles.find((pole) => pole.id === 'nord')!;
    expect(nord).toMatchObject({ count: 3, resolved: 2, reopened: 1, open: 1, overdue: 1 });
    expect(nord.withinDueShare).toBeCloseTo(0.5, 6);
    expect(nord.bySeverity.high?.share).toBe(1);
    expect(nord.bySeverity.low?.share).toBe(0);
    expect(nord.reopenRate).toBeCloseTo(0.5, 6);
    expect(nord.acknowledgeMedianHours).toBeCloseTo(3, 6);
    expect(nord.medianHours).toBeCloseTo((24 + 288) / 2, 6);
  });

  it('exports no contact data to an elected official, only descriptions', async () => {
    const { text, lines } = await readCsv(staff('elu'), handle.db);
    expect(lines[0]).not.toContain('Courriel');
    expect(text).not.toMatch(/example\.org|Nom MARQUEUR|rue MARQUEUR|04 73 00/);
    expect(lines).toHaveLength(7);
  });

  it('exports to a pôle manager their pôle’s reports only, with contact data', async () => {
    const { text, lines } = await readCsv(staff('pole.nord'), handle.db, 'annee=2026&pole=tous');
    expect(lines[0]).toContain('Courriel de l’usager');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).every((line) => line.includes('Pôle de proximité Nord'))).toBe(true);
    expect(text).toContain('personne.0@example.org');
    expect(text).not.toContain('personne.3@example.org');
  });

  it('makes a description that starts like a formula inert for spreadsheets', async () => {
    const { text } = await readCsv(staff('admin'), handle.db);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).not.toMatch(/,"?=HYPERLINK/);
  });
});
