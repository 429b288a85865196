import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBase } from '@/db/seed';
import { listReportsPage } from '@/lib/reports/list-page';
import { LIST_COUNT_CAP, LIST_PAGE_SIZE, type ListingFilters } from '@/lib/reports/listing-input';
import { testDbKind, useAppTestDatabase } from '../helpers/database';

// What `npm run test:mutation -- --mutate lib/reports/list-page.ts` found untested: the count's cap, reached only past
// 10,000 reports, the last page that is exactly full, and the moment a restarted page is read at. Each case in a
// commune of its own, so that they do not mix.

describe(`the list view’s count and last page (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let filed = 0;
  const inCommune = (commune: string, state: ListingFilters['state']): ListingFilters => ({
    bbox: null,
    categories: [],
    commune,
    state,
  });

  /** `count` public reports in one commune, open or resolved today, filed in one statement. */
  async function file(count: number, commune: string, state: 'new' | 'resolved') {
    const from = filed + 1;
    filed += count;
    await app.handle.db.execute(sql`
      insert into reports (reference, category_slug, description, lon, lat, commune_insee, pole_id, channel, state_key,
        severity, due_at, resolved_at)
      select 'PC-2098-' || lpad(g::text, 6, '0'), 'voirie', 'Signalement de volume', 3.0819, 45.7772, ${commune},
        'centre', 'web', ${state}, 'medium', now() + interval '2 days', ${state === 'resolved' ? sql`now()` : sql`null`}
      from generate_series(${from}::int, ${filed}::int) g`);
  }

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(app.handle.db);
  });
  afterAll(() => app.cleanup());

  it('counts reports exactly up to the cap, then says « more than » past it', async () => {
    await file(LIST_COUNT_CAP, '63113', 'new');
    expect(await listReportsPage(inCommune('63113', 'open'))).toMatchObject({ total: LIST_COUNT_CAP, isTotalCapped: false });
    await file(1, '63113', 'new');
    expect(await listReportsPage(inCommune('63113', 'open'))).toMatchObject({ total: LIST_COUNT_CAP, isTotalCapped: true });
  });

  it('says « more than » when open and resolved reports together pass the cap, though neither does alone', async () => {
    await file(LIST_COUNT_CAP / 2 + 1, '63075', 'new');
    await file(LIST_COUNT_CAP / 2, '63075', 'resolved');
    expect(await listReportsPage(inCommune('63075', 'open'))).toMatchObject({ isTotalCapped: false });
    expect(await listReportsPage(inCommune('63075', 'all'))).toMatchObject({ total: LIST_COUNT_CAP, isTotalCapped: true });
  });

  it('offers no next page after a last page that is exactly full, and one when a report more waits', async () => {
    await file(LIST_PAGE_SIZE, '63014', 'new');
    const full = await listReportsPage(inCommune('63014', 'open'));
    expect(full.rows).toHaveLength(LIST_PAGE_SIZE);
    expect(full.nextAfter).toBeNull();
    await file(1, '63014', 'new');
    const more = await listReportsPage(inCommune('63014', 'open'));
    expect(more.nextAfter).toBe(more.rows.at(-1)!.reference);
    expect((await listReportsPage(inCommune('63014', 'open'), more.nextAfter)).rows).toHaveLength(1);
  });

  it('restarts after an unknown report at the first page as seen at the moment asked, not at the clock’s', async () => {
    await file(1, '63070', 'resolved');
    const resolved = inCommune('63070', 'resolved');
    expect((await listReportsPage(resolved, 'PC-1999-000001')).rows).toHaveLength(1);
    // Sixty days on, a report resolved today is no longer « resolved in the last 30 days ».
    const later = { now: new Date(Date.now() + 60 * 24 * 3_600_000) };
    expect(await listReportsPage(resolved, 'PC-1999-000001', later)).toMatchObject({ rows: [], total: 0, isRestarted: true });
  });
});
