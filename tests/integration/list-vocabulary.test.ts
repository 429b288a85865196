import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBase } from '@/db/seed';
import { listReportsPage, readListQuery } from '@/lib/reports/list-page';
import type { ListingFilters } from '@/lib/reports/listing-input';
import { getPublicVocabulary, VOCABULARY_TTL_MS } from '@/lib/reports/vocabulary';
import { queryRows, testDbKind, useAppTestDatabase } from '../helpers/database';

// The list's words (categories, communes, the names its rows show) are kept a minute instead of read on every
// request: what staff add shows when it must, by an injected clock rather than by waiting.

const OPEN: ListingFilters = { bbox: null, categories: [], commune: null, state: 'open' };

describe(`the public list’s kept vocabulary (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let added = 0;
  // Far from the real clock and from one test to the next, so that what one test kept never answers another.
  let clock = Date.now() + 365 * 24 * 3_600_000;
  const later = () => (clock += 10 * VOCABULARY_TTL_MS);

  async function addCategory(slug: string, name: string, isActive = true) {
    await app.handle.db.execute(sql`insert into categories (slug, name, color, icon, is_active, position)
      values (${slug}, ${name}, '#123456', 'dots', ${isActive}, 99)`);
  }

  async function fileReport(category: string) {
    added++;
    await app.handle.db.execute(sql`
      insert into reports (reference, category_slug, description, lon, lat, commune_insee, pole_id, channel, state_key,
        severity, due_at)
      values (${`PC-2097-${String(added).padStart(6, '0')}`}, ${category}, 'Signalement de test', 3.0819, 45.7772,
        '63113', 'centre', 'web', 'new', 'medium', now() + interval '2 days')`);
  }

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(app.handle.db);
  });
  afterAll(() => app.cleanup());

  it('names at once a report of a category added after the words were kept', async () => {
    const now = later();
    await getPublicVocabulary({ now, isFresh: true });
    await addCategory('mobilier-urbain', 'Mobilier urbain');
    await fileReport('mobilier-urbain');
    const page = await listReportsPage(OPEN, null, { now: new Date(now + 1_000) });
    expect(page.rows[0]).toMatchObject({ category: 'mobilier-urbain', categoryName: 'Mobilier urbain', state: 'Nouveau' });
  });

  it('accepts at once a filter on a category added after the words were kept', async () => {
    const now = later();
    await getPublicVocabulary({ now, isFresh: true });
    await addCategory('fontaines', 'Fontaines');
    const { query } = await readListQuery(new URLSearchParams('category=fontaines'), { now: now + 1_000 });
    expect(query).toMatchObject({ ok: true, value: { categories: ['fontaines'] } });
  });

  it('still refuses a category nobody added, in French', async () => {
    const { query } = await readListQuery(new URLSearchParams('category=nulle-part'), { now: later() });
    expect(query).toEqual({ ok: false, message: 'Catégorie inconnue : nulle-part.' });
  });

  it('offers a new category in the filter form once the kept words are a minute old, not before', async () => {
    const now = later();
    await getPublicVocabulary({ now, isFresh: true });
    await addCategory('abris-bus', 'Abris de bus');
    const offered = async (at: number) => (await getPublicVocabulary({ now: at })).activeCategories.map((c) => c.slug);
    expect(await offered(now + VOCABULARY_TTL_MS - 1)).not.toContain('abris-bus');
    expect(await offered(now + VOCABULARY_TTL_MS)).toContain('abris-bus');
  });

  it('shows a renamed category’s new name and stops offering a deactivated one once the kept words are a minute old', async () => {
    await addCategory('bancs', 'Bancs');
    await fileReport('bancs');
    const now = later();
    await getPublicVocabulary({ now, isFresh: true });
    await app.handle.db.execute(sql`update categories set name = 'Bancs publics', is_active = false where slug = 'bancs'`);
    const named = async (at: number) => (await listReportsPage(OPEN, null, { now: new Date(at) })).rows[0]!.categoryName;
    expect(await named(now + VOCABULARY_TTL_MS - 1)).toBe('Bancs');
    expect(await named(now + VOCABULARY_TTL_MS)).toBe('Bancs publics');
    const vocabulary = await getPublicVocabulary({ now: now + VOCABULARY_TTL_MS });
    expect(vocabulary.activeCategories.map((c) => c.slug)).not.toContain('bancs');
    // Still a word of the filters: its reports remain public and may be asked for.
    expect(vocabulary.categories.map((c) => c.slug)).toContain('bancs');
  });

  it('lists the communes in French order and the active categories in staff’s order', async () => {
    const vocabulary = await getPublicVocabulary({ now: later(), isFresh: true });
    const names = vocabulary.communes.map((c) => c.name);
    expect(names).toHaveLength(21);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr')));
    expect(names.indexOf('Cébazat')).toBeLessThan(names.indexOf('Ceyrat'));
    const [row] = await queryRows<{ slugs: string }>(
      app.handle.db,
      sql`select string_agg(slug, ',' order by position, name) as slugs from categories where is_active`,
    );
    expect(vocabulary.activeCategories.map((c) => c.slug).join(',')).toBe(row!.slugs);
  });
});
