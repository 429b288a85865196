import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/api/reports/route';
import { seedBase } from '@/db/seed';
import type { PublicMapAnswer } from '@/lib/reports/listing-input';
import { keptPublicAnswers } from '@/lib/reports/map-cache';
import { testDbKind, useAppTestDatabase } from '../helpers/database';
import { fileReport } from '../helpers/staff';

// The map's answers kept a few seconds (MAP_CACHE_SECONDS, 5 by default): a change made through the app shows at once,
// a change this process did not make (another instance's) within the kept time, and nothing is kept for long.

const VIEW = 'state=all&zoom=11&bbox=2.88,45.65,3.33,45.89';
const total = async (query = VIEW) => {
  const response = await GET(new Request(`http://localhost/api/reports?${query}`));
  expect(response.status).toBe(200);
  return ((await response.json()) as PublicMapAnswer).total;
};

describe(`the map's kept answers (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let clock = new Date('2026-11-30T09:00:00Z').getTime();
  const advance = (ms: number) => vi.setSystemTime((clock += ms));

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(app.handle.db);
    await fileReport(app.handle.db, '63113');
    // Only Date is faked: the database's own timers run.
    vi.useFakeTimers({ toFake: ['Date'] });
    advance(60_000);
  });
  afterEach(() => advance(60_000));
  afterAll(async () => {
    vi.useRealTimers();
    await app.cleanup();
  });

  // Each test reads its own starting count: the order of tests is shuffled.
  it('shows a report filed through the app at once, though the same view was just answered', async () => {
    const before = await total();
    expect(keptPublicAnswers()).toBeGreaterThan(0);
    await fileReport(app.handle.db, '63113');
    expect(await total()).toBe(before + 1);
    // Until the change has surely committed, nothing is kept; after, the fresh answer is.
    advance(2_500);
    expect(await total()).toBe(before + 1);
    expect(keptPublicAnswers()).toBeGreaterThan(0);
  });

  it('answers from what it kept for MAP_CACHE_SECONDS, then asks the database again', async () => {
    const before = await total();
    expect(before).toBeGreaterThan(0);
    // A change this process did not write (another instance's): seen only once the kept answer is too old.
    const hide = (at: ReturnType<typeof sql>) =>
      app.handle.db.execute(sql`update reports set hidden_at = ${at} where id = (select min(id) from reports)`);
    await hide(sql`now()`);
    advance(4_000);
    expect(await total()).toBe(before);
    advance(1_500);
    expect(await total()).toBe(before - 1);
    await hide(sql`null`);
  });

  it('keeps one answer per question: another filter or view is asked afresh', async () => {
    const before = await total();
    expect(await total(`${VIEW}&category=eclairage-public`)).toBe(before);
    expect(await total(`${VIEW}&category=voirie`)).toBe(0);
    expect(await total('state=all&zoom=12&bbox=2.88,45.65,3.33,45.89')).toBe(before);
  });
});
