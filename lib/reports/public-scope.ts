import { and, between, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { NOT_HIDDEN_SQL, OPEN_STATES_SQL, reports } from '@/db/schema';
import { RECENTLY_RESOLVED_DAYS, type ListingFilters } from './listing-input';
import type { StateFilter } from './state-filters';

// Which reports the public sees (the map and the list alike): open ones and those resolved in the last 30 days, never
// a closed one nor one staff hid. Each branch of the state filter is asked on its own, written as the partial indexes'
// predicates are (literal keys, hidden reports left out: reports_public_open_idx, reports_public_resolved_idx), so
// that the planner reads each from its small index.

export type Branch = 'open' | 'resolved';
export const BRANCHES: Record<StateFilter, Branch[]> = { open: ['open'], resolved: ['resolved'], all: ['open', 'resolved'] };

export function branchWhere(branch: Branch, now: Date): SQL {
  if (branch === 'open') return sql`${OPEN_STATES_SQL(reports.stateKey)} and ${NOT_HIDDEN_SQL(reports.hiddenAt)}`;
  const since = new Date(now.getTime() - RECENTLY_RESOLVED_DAYS * 24 * 3_600_000);
  return and(sql`${reports.stateKey} = 'resolved' and ${NOT_HIDDEN_SQL(reports.hiddenAt)}`, gte(reports.resolvedAt, since))!;
}

export function filtersWhere({ bbox, categories, commune }: ListingFilters): SQL | undefined {
  return and(
    bbox ? and(between(reports.lon, bbox[0], bbox[2]), between(reports.lat, bbox[1], bbox[3])) : undefined,
    categories.length > 0 ? inArray(reports.categorySlug, categories) : undefined,
    commune ? eq(reports.communeInsee, commune) : undefined,
  );
}
