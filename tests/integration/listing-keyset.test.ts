import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ReportListPage from '@/app/signalements/page';
import { seedBase } from '@/db/seed';
import { seedDemo } from '@/lib/demo/seed';
import { listReportsPage } from '@/lib/reports/list-page';
import { listMapFeatures } from '@/lib/reports/listing';
import type { ListingFilters } from '@/lib/reports/listing-input';
import { queryRows, testDbKind, useAppTestDatabase } from '../helpers/database';

// The list view pages by keyset: a page resumes after the last report shown, whatever arrived in the meantime.

/** The page's element tree as text: every prop handed to a component (what reaches the HTML and the RSC payload). */
function serialise(tree: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(tree, (key, value: unknown) => {
    if (key === 'type' || key.startsWith('_')) return typeof value === 'string' ? value : undefined;
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return undefined;
      seen.add(value);
    }
    return value;
  });
}

const ALL: ListingFilters = { bbox: null, categories: [], commune: null, state: 'all' };

describe(`the list of reports by keyset (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let added = 0;
  const sqlRows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(app.handle.db, query);

  /** A new open report, filed now: newer than every page already shown. */
  async function fileReport() {
    added++;
    await app.handle.db.execute(sql`
      insert into reports (reference, category_slug, description, lon, lat, commune_insee, pole_id, channel, state_key,
        severity, due_at, reporter_email)
      select ${`PC-2099-${String(added).padStart(6, '0')}`}, category_slug, 'Arrivé pendant la lecture', lon, lat,
        commune_insee, pole_id, channel, 'new', severity, due_at, 'nouveau@example.org'
      from reports order by id limit 1`);
  }

  /** Every page from the first, as a reader clicking « Page suivante » would, `between` run after each page. */
  async function walk(filters: ListingFilters, between: () => Promise<void> = async () => {}) {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page = await listReportsPage(filters, after);
      expect(page.rows.length).toBeLessThanOrEqual(50);
      seen.push(...page.rows.map((row) => row.reference));
      await between();
      if (!page.nextAfter) return seen;
      after = page.nextAfter;
    }
    throw new Error('more than 100 pages');
  }

  /** The same view in one piece (the map's query, same order): what the pages must add up to. */
  const everything = async (filters: ListingFilters) =>
    (await listMapFeatures({ ...filters, zoom: null })).features.map((f) =>
      'reference' in f.properties ? f.properties.reference : '',
    );

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(app.handle.db);
    await seedDemo(app.handle.db, { count: 300, history: false });
    // Ties the order must break by id, at the top of the list so that the first page ends inside them: 55 reports
    // filed in the same microsecond, and before them 6 within one millisecond (which a cursor holding a JavaScript
    // Date, rounded to the millisecond, would confuse).
    await app.handle.db.execute(sql`update reports set created_at = now() - interval '1 hour'
      where id in (select r.id from reports r where r.state_key in ('new', 'acknowledged', 'in_progress') order by r.id limit 55)`);
    await app.handle.db.execute(sql`update reports
      set created_at = date_trunc('milliseconds', now()) - interval '30 minutes' + (id % 6) * interval '1 microsecond'
      where id in (select r.id from reports r where r.state_key in ('new', 'acknowledged', 'in_progress') order by r.id desc limit 6)`);
    await app.handle.db.execute(
      sql`update reports set tracking_token_hash = 'token-hash-that-must-stay-private', address = '12 rue Secrète'`,
    );
  });
  afterAll(() => app.cleanup());

  it('walks every open and recently resolved report once, newest first, while new reports arrive between pages', async () => {
    const expected = await everything(ALL);
    expect(expected.length).toBeGreaterThan(150);
    const seen = await walk(ALL, async () => {
      await fileReport();
      await fileReport();
    });
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    // The reports filed meanwhile wait at the top of the next first page.
    const first = await listReportsPage(ALL);
    expect(first.rows.slice(0, added).map((row) => row.reference)).toEqual(
      Array.from({ length: added }, (_, i) => `PC-2099-${String(added - i).padStart(6, '0')}`),
    );
  });

  it('resumes after a report that left the view since (resolved meanwhile), without skipping the next ones', async () => {
    const open: ListingFilters = { ...ALL, state: 'open' };
    const expected = await everything(open);
    const first = await listReportsPage(open);
    const last = first.rows.at(-1)!.reference;
    await app.handle.db.execute(sql`update reports set state_key = 'rejected' where reference = ${last}`);
    const second = await listReportsPage(open, first.nextAfter);
    expect(second.rows.map((row) => row.reference)).toEqual(expected.slice(50, 100));
    expect(second.isRestarted).toBe(false);
  });

  it('answers an empty last page, not the first, after the oldest report of the view', async () => {
    const oldest = (await everything(ALL)).at(-1)!;
    expect(await listReportsPage(ALL, oldest)).toMatchObject({ rows: [], nextAfter: null, isRestarted: false });
  });

  it.each<[string, Partial<ListingFilters>]>([
    ['a category, open', { state: 'open', categories: ['voirie', 'proprete'] }],
    ['a commune, every public state', { commune: '63113' }],
    ['resolved in the last 30 days', { state: 'resolved' }],
    ['a box of Clermont-Ferrand, open', { state: 'open', bbox: [3.05, 45.75, 3.12, 45.8] }],
  ])('applies the filters on every page: %s', async (_, change) => {
    const filters = { ...ALL, ...change };
    const expected = await everything(filters);
    expect(expected.length).toBeGreaterThan(0);
    const first = await listReportsPage(filters);
    expect(first.total).toBe(expected.length);
    expect(first.isTotalCapped).toBe(false);
    expect(await walk(filters)).toEqual(expected);
  });

  it('counts what the filters keep, as the database does', async () => {
    const [row] = await sqlRows<{ n: number }>(
      sql`select count(*)::int as n from reports where state_key in ('new', 'acknowledged', 'in_progress', 'reopened')
        and commune_insee = '63113'`,
    );
    expect((await listReportsPage({ ...ALL, state: 'open', commune: '63113' })).total).toBe(Number(row!.n));
  });

  describe('links that cannot be followed', () => {
    const render = async (searchParams: Record<string, string>) =>
      serialise(await ReportListPage({ searchParams: Promise.resolve(searchParams) }));

    it.each<[string, Record<string, string>, string]>([
      ['a malformed position', { after: "PC-2026-00'; drop table reports; --" }, 'n’est pas valide'],
      ['a position of another shape', { after: '%00%ff', state: 'all' }, 'n’est pas valide'],
      ['an unknown report', { after: 'PC-1999-000001' }, 'ne mène plus à rien'],
      ['an old numbered page', { page: '7' }, 'ne sont plus numérotées'],
      ['an old page past the end', { page: '99999999999', state: 'all' }, 'ne sont plus numérotées'],
    ])('opens the first page with a French notice for %s', async (_, params, notice) => {
      const page = await render(params);
      expect(page).toContain(notice);
      const first = await listReportsPage({ ...ALL, state: params.state === 'all' ? 'all' : 'open' });
      expect(page).toContain(first.rows[0]!.reference);
      expect(page).toContain('"isFirstPage":true');
    });

    it('answers a known position without a notice', async () => {
      const first = await listReportsPage(ALL);
      const page = await render({ state: 'all', after: first.nextAfter! });
      expect(page).not.toContain('début de la liste');
      expect(page).toContain('"isFirstPage":false');
      expect(page).not.toContain(`"reference":"${first.rows[0]!.reference}"`);
    });

    it('answers the unknown report’s first page from the data function too', async () => {
      const page = await listReportsPage(ALL, 'PC-1999-000001');
      expect(page.isRestarted).toBe(true);
      expect(page.rows.map((row) => row.reference)).toEqual((await listReportsPage(ALL)).rows.map((row) => row.reference));
    });
  });

  it('puts no personal data in the page’s data', async () => {
    const personal = await sqlRows<Record<string, string | null>>(
      sql`select reporter_name, reporter_email, reporter_phone, reporter_address, description, address, tracking_token_hash
        from reports`,
    );
    const secrets = new Set(personal.flatMap((row) => Object.values(row)).filter((value): value is string => !!value));
    expect(secrets.size).toBeGreaterThan(100);
    const first = await listReportsPage(ALL);
    const pages = [
      serialise(await ReportListPage({ searchParams: Promise.resolve({ state: 'all' }) })),
      serialise(await ReportListPage({ searchParams: Promise.resolve({ state: 'all', after: first.nextAfter! }) })),
    ];
    for (const page of pages) {
      for (const secret of secrets) expect(page).not.toContain(secret);
      expect(page).not.toMatch(/example\.org|reporter|tracking|"id"|"lon"|"lat"/);
    }
    for (const row of first.rows) {
      expect(Object.keys(row).sort()).toEqual([
        'category',
        'categoryName',
        'commune',
        'createdAt',
        'pole',
        'reference',
        'state',
        'stateType',
      ]);
    }
  });
});
