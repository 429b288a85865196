import 'server-only';
import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { getDb, type Db } from '@/db';
import { reports } from '@/db/schema';
import {
  LIST_COUNT_CAP,
  LIST_PAGE_SIZE,
  parseListingQuery,
  type ListingFilters,
  type PublicReportSummary,
} from './listing-input';
import { toSummary } from './listing';
import { BRANCHES, branchWhere, filtersWhere, type Branch } from './public-scope';
import { getPublicVocabulary, namesEvery, type PublicVocabulary } from './vocabulary';

// The list view (/signalements), a page at a time by keyset: each branch of the state filter walks its own small
// partial index from the last report shown (reports_public_open_idx, reports_public_resolved_idx), so that a deep
// page costs what the first costs; the total is counted from the same indexes, up to LIST_COUNT_CAP.
// A page is one query (the branches' first LIST_PAGE_SIZE + 1 each, put back in order by the database, to the
// microsecond, in one snapshot: a report closed meanwhile cannot show), and the count one per branch beside it; the
// names the rows show come from the kept vocabulary, not from joins, which cost more to plan than the page to read.

// Rows strictly after the report `after` in the order (created_at desc, id desc). Its key is read by the database
// (two one-row subqueries on the unique reference), keeping created_at's microseconds, which a Date would round away.
function afterWhere(after: string | null): SQL | undefined {
  if (!after) return undefined;
  return sql`(${reports.createdAt}, ${reports.id}) < (
    (select c.created_at from reports c where c.reference = ${after}),
    (select c.id from reports c where c.reference = ${after})
  )`;
}

/** A branch's first LIST_PAGE_SIZE + 1 ids after `after`, read from its partial index alone (index-only). */
function branchIds(db: Db, branch: Branch, filters: ListingFilters, after: string | null, now: Date) {
  return db
    .select({ id: reports.id })
    .from(reports)
    .where(and(branchWhere(branch, now), filtersWhere(filters), afterWhere(after)))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(LIST_PAGE_SIZE + 1);
}

/**
 * The page's rows, newest first, in one query: the branches' ids (each from its index alone: asked for more columns, the
 * planner may walk another index, 46 ms on a deep page of resolved reports instead of 3), then their rows by id.
 */
function pageRows(db: Db, branches: Branch[], filters: ListingFilters, after: string | null, now: Date) {
  const [first, second, ...others] = branches.map((branch) => branchIds(db, branch, filters, after, now));
  return db
    .select({
      reference: reports.reference,
      categorySlug: reports.categorySlug,
      stateKey: reports.stateKey,
      communeInsee: reports.communeInsee,
      poleId: reports.poleId,
      createdAt: reports.createdAt,
    })
    .from(reports)
    .where(inArray(reports.id, second ? unionAll(first!, second, ...others) : first!))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(LIST_PAGE_SIZE + 1);
}

type Row = Awaited<ReturnType<typeof pageRows>>[number];

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

function toPublicRow({ names }: PublicVocabulary, row: Row): PublicReportSummary {
  const state = names.states.get(row.stateKey)!;
  return toSummary({
    reference: row.reference,
    category: row.categorySlug,
    categoryName: names.categories.get(row.categorySlug)!,
    state: state.label,
    stateType: state.type,
    commune: names.communes.get(row.communeInsee)!,
    pole: names.poles.get(row.poleId)!,
    createdAt: row.createdAt,
  });
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
  rows: PublicReportSummary[];
  nextAfter: string | null;
  total: number;
  isTotalCapped: boolean;
  isRestarted: boolean;
}> {
  const now = options.now ?? new Date();
  const db = await getDb();
  const branches = BRANCHES[filters.state];
  const [counts, rows, kept] = await Promise.all([
    Promise.all(branches.map((branch) => countBranch(db, branch, filters, now))),
    pageRows(db, branches, filters, after, now),
    getPublicVocabulary({ now: now.getTime() }),
  ]);
  if (after && rows.length === 0 && !(await isKnownReference(db, after))) {
    return { ...(await listReportsPage(filters, null, { now })), isRestarted: true };
  }
  const vocabulary = namesEvery(kept, rows) ? kept : await getPublicVocabulary({ now: now.getTime(), isFresh: true });
  const page = rows.slice(0, LIST_PAGE_SIZE);
  const total = counts.reduce((sum, n) => sum + n, 0);
  return {
    rows: page.map((row) => toPublicRow(vocabulary, row)),
    nextAfter: rows.length > LIST_PAGE_SIZE ? page.at(-1)!.reference : null,
    total: Math.min(total, LIST_COUNT_CAP),
    isTotalCapped: counts.some((n) => n > LIST_COUNT_CAP) || total > LIST_COUNT_CAP,
    isRestarted: false,
  };
}

/**
 * The list's filters read from its query string, with the vocabulary they were checked against: the kept one, or one
 * read afresh when the kept one refuses them (a category or commune added since it was read).
 */
export async function readListQuery(params: URLSearchParams, options: { now?: number } = {}) {
  const kept = await getPublicVocabulary(options);
  const query = parseListingQuery(params, kept);
  if (query.ok) return { query, vocabulary: kept };
  const fresh = await getPublicVocabulary({ ...options, isFresh: true });
  return { query: parseListingQuery(params, fresh), vocabulary: fresh };
}
