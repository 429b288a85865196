import 'server-only';
import { and, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { reports } from '@/db/schema';
import { LIST_COUNT_CAP, LIST_PAGE_SIZE, type ListingFilters } from './listing-input';
import { selectPublicReports, toSummary } from './listing';
import { BRANCHES, branchWhere, filtersWhere, type Branch } from './public-scope';

// The list view (/signalements), a page at a time by keyset: each branch of the state filter walks its own small
// partial index from the last report shown (reports_public_open_idx, reports_public_resolved_idx), so that a deep
// page costs what the first costs; the total is counted from the same indexes, up to LIST_COUNT_CAP.

// Rows strictly after the report `after` in the order (created_at desc, id desc). Its key is read by the database
// (two one-row subqueries on the unique reference), keeping created_at's microseconds, which a Date would round away.
function afterWhere(after: string | null): SQL | undefined {
  if (!after) return undefined;
  return sql`(${reports.createdAt}, ${reports.id}) < (
    (select c.created_at from reports c where c.reference = ${after}),
    (select c.id from reports c where c.reference = ${after})
  )`;
}

async function branchIds(db: Db, branch: Branch, filters: ListingFilters, after: string | null, now: Date) {
  const rows = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(branchWhere(branch, now), filtersWhere(filters), afterWhere(after)))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(LIST_PAGE_SIZE + 1);
  return rows.map((row) => row.id);
}

/** How many reports of one branch match, read from its index; LIST_COUNT_CAP + 1 means « more than the cap ». */
async function countBranch(db: Db, branch: Branch, filters: ListingFilters, now: Date) {
  const capped = db
    .select({ one: sql`1` })
    .from(reports)
    .where(and(branchWhere(branch, now), filtersWhere(filters)))
    .limit(LIST_COUNT_CAP + 1)
    .as('capped');
  const [row] = await db.select({ n: count() }).from(capped);
  return Number(row?.n ?? 0);
}

async function isKnownReference(db: Db, reference: string) {
  const rows = await db.select({ id: reports.id }).from(reports).where(eq(reports.reference, reference)).limit(1);
  return rows.length > 0;
}

/**
 * One page of the list view, newest first, after the report `after` (a reference) or from the start; `nextAfter`
 * continues it. An `after` that names no report answers the first page with `isRestarted`.
 */
export async function listReportsPage(
  filters: ListingFilters,
  after: string | null = null,
  options: { now?: Date } = {},
): Promise<{
  rows: ReturnType<typeof toSummary>[];
  nextAfter: string | null;
  total: number;
  isTotalCapped: boolean;
  isRestarted: boolean;
}> {
  const now = options.now ?? new Date();
  const db = await getDb();
  const branches = BRANCHES[filters.state];
  const [counts, ids] = await Promise.all([
    Promise.all(branches.map((branch) => countBranch(db, branch, filters, now))),
    Promise.all(branches.map((branch) => branchIds(db, branch, filters, after, now))).then((lists) => lists.flat()),
  ]);
  if (after && ids.length === 0 && !(await isKnownReference(db, after))) {
    return { ...(await listReportsPage(filters, null, { now })), isRestarted: true };
  }
  // Each branch gave its first LIST_PAGE_SIZE + 1; the database puts the union back in order, to the microsecond, and
  // leaves out a report closed in between (a closed report is never public, not even for one page).
  const rows =
    ids.length === 0
      ? []
      : await selectPublicReports(db)
          .where(and(inArray(reports.id, ids), or(...branches.map((branch) => branchWhere(branch, now)))))
          .orderBy(desc(reports.createdAt), desc(reports.id))
          .limit(LIST_PAGE_SIZE + 1);
  const page = rows.slice(0, LIST_PAGE_SIZE);
  const total = counts.reduce((sum, n) => sum + n, 0);
  return {
    rows: page.map(toSummary),
    nextAfter: rows.length > LIST_PAGE_SIZE ? page.at(-1)!.reference : null,
    total: Math.min(total, LIST_COUNT_CAP),
    isTotalCapped: counts.some((n) => n > LIST_COUNT_CAP) || total > LIST_COUNT_CAP,
    isRestarted: false,
  };
}
