import 'server-only';
import { and, asc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { categories, communes, OPEN_STATES_SQL, poles, reportEvents, reports, users, type Severity } from '@/db/schema';
import type { StaffUser } from '@/lib/permissions';
import { scopeWhere } from '@/lib/staff/scope';
import { figuresWhere, medianOf, percentiles, tallyColumns, withinDueShare } from './aggregates';
import type { FigureFilters } from './filters';
import { getKeyFigures } from './queries';

// The dashboard: the public key figures of the view, plus how each pôle keeps its promises (per severity), its
// reopen rate and time to acknowledge, and, within what this person may see, the reports overdue now and the open
// workload per person. Aggregates are public-grade figures (any pôle); lists of reports and people are scoped.

export const OVERDUE_LIST_LIMIT = 50;

const isOpen = OPEN_STATES_SQL(reports.stateKey);

/** The view's filters without its period: what is open or overdue « now » does not depend on when it was recorded. */
function nowWhere(filters: FigureFilters): SQL | undefined {
  return and(
    filters.poleId ? eq(reports.poleId, filters.poleId) : undefined,
    filters.communeInsee ? eq(reports.communeInsee, filters.communeInsee) : undefined,
    filters.categorySlug ? eq(reports.categorySlug, filters.categorySlug) : undefined,
    filters.channel ? eq(reports.channel, filters.channel) : undefined,
  );
}

async function listPolePerformance(db: Db, filters: FigureFilters, now: Date) {
  const nowIso = sql`${now.toISOString()}::timestamptz`;
  const [periodRows, reopenedRows, severityRows, openRows, poleRows] = await Promise.all([
    db
      .select({
        poleId: reports.poleId,
        ...tallyColumns,
        delays: percentiles(sql`${reports.resolvedAt} - ${reports.createdAt}`),
        acknowledge: percentiles(sql`${reports.acknowledgedAt} - ${reports.createdAt}`),
      })
      .from(reports)
      .where(figuresWhere(filters))
      .groupBy(reports.poleId),
    // Reopenings are rare: read from their partial index, then joined to the period's reports (not the other way
    // round, which asked every report of the period whether it had one: 2.5 s for a year of a million reports).
    db
      .select({
        poleId: reports.poleId,
        reopened: sql<number>`count(distinct ${reports.id})::int`,
        reopenedNotResolved: sql<number>`count(distinct ${reports.id}) filter (where ${reports.resolvedAt} is null)::int`,
      })
      .from(reportEvents)
      .innerJoin(reports, eq(reportEvents.reportId, reports.id))
      .where(and(eq(reportEvents.kind, 'reopened'), figuresWhere(filters)))
      .groupBy(reports.poleId),
    db
      .select({ poleId: reports.poleId, severity: reports.severity, ...tallyColumns })
      .from(reports)
      .where(figuresWhere(filters))
      .groupBy(reports.poleId, reports.severity),
    db
      .select({
        poleId: reports.poleId,
        open: sql<number>`count(*)::int`,
        overdue: sql<number>`(count(*) filter (where ${reports.dueAt} < ${nowIso}))::int`,
      })
      .from(reports)
      .where(and(isOpen, nowWhere(filters)))
      .groupBy(reports.poleId),
    db.select({ id: poles.id, name: poles.name }).from(poles).orderBy(asc(poles.name)),
  ]);
  return poleRows
    .filter((pole) => !filters.poleId || pole.id === filters.poleId)
    .map((pole) => {
      const period = periodRows.find((row) => row.poleId === pole.id);
      const open = openRows.find((row) => row.poleId === pole.id);
      const reopened = reopenedRows.find((row) => row.poleId === pole.id);
      // Ever resolved: resolved now, or reopened since (a report is only reopened after a resolution).
      const everResolved = (period?.resolved ?? 0) + (reopened?.reopenedNotResolved ?? 0);
      const bySeverity = Object.fromEntries(
        severityRows.filter((row) => row.poleId === pole.id).map((row) => [row.severity, { ...row, share: withinDueShare(row) }]),
      ) as Partial<Record<Severity, { resolved: number; resolvedWithinDue: number; share: number | null }>>;
      return {
        id: pole.id,
        name: pole.name,
        count: period?.count ?? 0,
        resolved: period?.resolved ?? 0,
        withinDueShare: period ? withinDueShare(period) : null,
        medianHours: period ? medianOf(period.delays) : null,
        acknowledgeMedianHours: period ? medianOf(period.acknowledge) : null,
        reopenRate: everResolved > 0 ? (reopened?.reopened ?? 0) / everResolved : null,
        reopened: reopened?.reopened ?? 0,
        open: open?.open ?? 0,
        overdue: open?.overdue ?? 0,
        bySeverity,
      };
    });
}

/** The reports overdue now that this person may see, the most overdue first. */
async function listOverdue(db: Db, staff: StaffUser, filters: FigureFilters, now: Date) {
  return db
    .select({
      reference: reports.reference,
      category: categories.name,
      commune: communes.name,
      pole: poles.name,
      severity: reports.severity,
      dueAt: reports.dueAt,
      assignee: users.name,
    })
    .from(reports)
    .innerJoin(categories, eq(reports.categorySlug, categories.slug))
    .innerJoin(communes, eq(reports.communeInsee, communes.insee))
    .innerJoin(poles, eq(reports.poleId, poles.id))
    .leftJoin(users, eq(reports.assigneeUserId, users.id))
    .where(and(scopeWhere(staff, 'reports.read'), isOpen, lt(reports.dueAt, now), nowWhere(filters)))
    .orderBy(asc(reports.dueAt), asc(reports.id))
    .limit(OVERDUE_LIST_LIMIT);
}

/** Open reports per person in charge (and those nobody has taken), within what this person may see. */
async function listWorkload(db: Db, staff: StaffUser, filters: FigureFilters, now: Date) {
  const rows = await db
    .select({
      name: users.name,
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${reports.dueAt} < ${now.toISOString()}::timestamptz))::int`,
    })
    .from(reports)
    .leftJoin(users, eq(reports.assigneeUserId, users.id))
    .where(and(scopeWhere(staff, 'reports.read'), isOpen, nowWhere(filters)))
    .groupBy(users.id, users.name);
  return rows
    .map((row) => ({ ...row, name: row.name ?? 'Personne (non affectés)' }))
    .sort((a, b) => b.open - a.open || a.name.localeCompare(b.name, 'fr'));
}

export async function loadDashboard(staff: StaffUser, filters: FigureFilters, options: { db?: Db; now?: Date } = {}) {
  const db = options.db ?? (await getDb());
  const now = options.now ?? new Date();
  const [figures, poles, overdue, workload] = await Promise.all([
    getKeyFigures(filters, { db, now }),
    listPolePerformance(db, filters, now),
    listOverdue(db, staff, filters, now),
    listWorkload(db, staff, filters, now),
  ]);
  return { figures, poles, overdue, workload };
}

export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;
