import 'server-only';
import { and, asc, count, desc, eq, gt, ilike, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import {
  categories,
  communes,
  OPEN_STATES_SQL,
  poles,
  reports,
  reportStates,
  STATE_TYPES,
  users,
  type StateKey,
} from '@/db/schema';
import type { StaffUser } from '@/lib/permissions';
import { decodeCursor, encodeCursor, INBOX_PAGE_SIZE, type InboxFilters } from './inbox-input';
import { scopeWhere } from './scope';
import { listPoleStaff } from './users';
import { getStaffVocabulary } from './vocabulary';

// The pôle's inbox: the reports a person may read, filtered from the URL, a page at a time by keyset, with counts
// per state. Its map (inbox-map.ts) asks for the same reports through the same two conditions below.

// Written as the partial index reports_to_moderate_idx says it.
const TO_MODERATE = and(isNull(reports.publishedAt), isNull(reports.hiddenAt))!;

/** Every filter but the state, the person's reach first: the counts per state are computed over these. */
export function filtersWhere(user: StaffUser, filters: InboxFilters, now: Date): SQL {
  const search = filters.q?.replace(/[%_\\]/g, (c) => `\\${c}`);
  return and(
    scopeWhere(user, 'reports.read'),
    filters.pole ? eq(reports.poleId, filters.pole) : undefined,
    filters.category ? eq(reports.categorySlug, filters.category) : undefined,
    filters.commune ? eq(reports.communeInsee, filters.commune) : undefined,
    filters.channel ? eq(reports.channel, filters.channel) : undefined,
    filters.severity ? eq(reports.severity, filters.severity) : undefined,
    filters.overdue ? and(OPEN_STATES_SQL(reports.stateKey), lt(reports.dueAt, now)) : undefined,
    filters.moderation ? TO_MODERATE : undefined,
    filters.assigned === 'moi' ? eq(reports.assigneeUserId, user.id) : undefined,
    filters.assigned === 'personne' ? isNull(reports.assigneeUserId) : undefined,
    filters.planned === 'oui' ? isNotNull(reports.plannedFor) : undefined,
    filters.planned === 'non' ? isNull(reports.plannedFor) : undefined,
    search ? or(ilike(reports.reference, `%${search}%`), ilike(reports.address, `%${search}%`)) : undefined,
  )!;
}

/** The state filter (« ouverts » by default). */
export function stateWhere(filters: InboxFilters): SQL | undefined {
  if (filters.state === 'tous') return undefined;
  // « En retard » already means open: saying it twice skews the planner's estimate.
  if (filters.state === 'ouverts') return filters.overdue ? undefined : OPEN_STATES_SQL(reports.stateKey);
  return eq(reports.stateKey, filters.state);
}

function orderOf(filters: InboxFilters) {
  const column = filters.sort === 'due' ? reports.dueAt : reports.createdAt;
  const isAscending = filters.sort !== 'recent';
  const cursor = decodeCursor(filters.after);
  const compare = isAscending ? gt : lt;
  // The cursor's instant in microseconds, as the column holds it: rebuilt exactly in SQL (a JavaScript Date keeps
  // milliseconds only, and reports filed within one millisecond would be skipped at a page boundary).
  const at = cursor ? sql`(timestamptz 'epoch' + ${cursor.at}::bigint * interval '1 microsecond')` : null;
  const after = cursor && at ? or(compare(column, at), and(eq(column, at), compare(reports.id, cursor.id))) : undefined;
  const direction = isAscending ? asc : desc;
  return {
    after,
    orderBy: [direction(column), direction(reports.id)],
    column: filters.sort === 'due' ? 'dueAt' : 'createdAt',
  } as const;
}

export async function listInbox(db: Db, user: StaffUser, filters: InboxFilters, now: Date = new Date()) {
  const { after, orderBy, column } = orderOf(filters);
  const rows = await db
    .select({
      id: reports.id,
      reference: reports.reference,
      version: reports.version,
      categoryName: categories.name,
      categoryColor: categories.color,
      categoryIcon: categories.icon,
      categorySlug: reports.categorySlug,
      address: reports.address,
      communeName: communes.name,
      poleName: poles.name,
      stateKey: reports.stateKey,
      stateLabel: reportStates.label,
      stateType: reportStates.type,
      severity: reports.severity,
      channel: reports.channel,
      createdAt: reports.createdAt,
      dueAt: reports.dueAt,
      plannedFor: reports.plannedFor,
      assigneeName: users.name,
      isNearBorder: reports.isNearBorder,
      isLocationToConfirm: reports.isLocationToConfirm,
      isToModerate: sql<boolean>`(${TO_MODERATE})`,
      // The sort column in microseconds since 1970, for the next page's cursor.
      sortMicros: sql<string>`(extract(epoch from ${column === 'dueAt' ? reports.dueAt : reports.createdAt}) * 1000000)::bigint::text`,
    })
    .from(reports)
    .innerJoin(reportStates, eq(reports.stateKey, reportStates.key))
    .innerJoin(categories, eq(reports.categorySlug, categories.slug))
    .innerJoin(communes, eq(reports.communeInsee, communes.insee))
    .innerJoin(poles, eq(reports.poleId, poles.id))
    .leftJoin(users, eq(reports.assigneeUserId, users.id))
    .where(and(filtersWhere(user, filters, now), stateWhere(filters), after))
    .orderBy(...orderBy)
    .limit(INBOX_PAGE_SIZE + 1);
  const page = rows.slice(0, INBOX_PAGE_SIZE).map(({ sortMicros: _, ...row }) => ({
    ...row,
    isOverdue: row.stateType === 'open' && row.dueAt.getTime() < now.getTime(),
  }));
  const last = rows[INBOX_PAGE_SIZE - 1];
  return {
    rows: page,
    nextCursor: rows.length > INBOX_PAGE_SIZE && last ? encodeCursor({ at: Number(last.sortMicros), id: last.id }) : null,
  };
}

export type InboxRow = Awaited<ReturnType<typeof listInbox>>['rows'][number];

/** Past this, a closed state's count reads « 1 000+ »: counting years of resolved reports on every page costs too much. */
export const CLOSED_COUNT_CAP = 1000;

/**
 * How many reports of the view are in each state (the state filter aside) and how many are overdue. Open states are
 * counted exactly from a small partial index; closed ones only when the view shows closed reports, up to
 * CLOSED_COUNT_CAP (years of resolved reports are not the day's work, and counting them on every page costs).
 */
export async function countInbox(db: Db, user: StaffUser, filters: InboxFilters, now: Date = new Date()) {
  const where = filtersWhere(user, filters, now);
  // A text search looks for one report: its closed states are not counted (a rare word would scan years of them).
  const isClosedShown =
    !filters.q && (filters.state === 'tous' || (filters.state !== 'ouverts' && STATE_TYPES[filters.state] !== 'open'));
  const closedKeys = isClosedShown ? (Object.keys(STATE_TYPES) as StateKey[]).filter((key) => STATE_TYPES[key] !== 'open') : [];
  const [toModerate, open, ...closed] = await Promise.all([
    // Over every state and the view's other filters: a resolved report's page too shows what was written.
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(reports)
      .where(and(filtersWhere(user, { ...filters, moderation: undefined }, now), TO_MODERATE))
      .then((rows) => Number(rows[0]!.n)),
    db
      .select({
        stateKey: reports.stateKey,
        n: count(),
        overdue: sql<number>`(count(*) filter (where ${reports.dueAt} < ${now.toISOString()}::timestamptz))::int`,
      })
      .from(reports)
      .where(and(where, OPEN_STATES_SQL(reports.stateKey)))
      .groupBy(reports.stateKey),
    ...closedKeys.map((key) =>
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(
          db
            .select({ one: sql`1` })
            .from(reports)
            .where(and(where, eq(reports.stateKey, key)))
            .limit(CLOSED_COUNT_CAP + 1)
            .as('capped'),
        )
        .then((rows) => [key, Number(rows[0]!.n)] as const),
    ),
  ]);
  return {
    byState: new Map<string, number>([...open.map((row) => [row.stateKey, row.n] as const), ...closed]),
    overdue: open.reduce((sum, row) => sum + Number(row.overdue), 0),
    toModerate,
  };
}

/**
 * Everything the inbox page shows, read in parallel at one instant; `readAt` says which, so that the map (which asks
 * for its own view) asks again when an action has the page read anew.
 */
export async function loadInbox(user: StaffUser, filters: InboxFilters) {
  const db = await getDb();
  const now = new Date();
  const assigneePole = user.poleId ?? filters.pole;
  const [vocabulary, page, counts, assignees] = await Promise.all([
    getStaffVocabulary(db),
    listInbox(db, user, filters, now),
    countInbox(db, user, filters, now),
    assigneePole ? listPoleStaff(db, assigneePole) : [],
  ]);
  return { vocabulary, page, counts, assignees, readAt: now.toISOString() };
}
