import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { communes, reports, type NewReport } from '@/db/schema';
import { seedBase } from '@/db/seed';
import type { StaffUser } from '@/lib/permissions';
import { listInbox } from '@/lib/staff/inbox';
import { decodeCursor, parseInboxQuery } from '@/lib/staff/inbox-input';
import { openTestDatabase, testDbKind } from '../helpers/database';
import { seedStaff } from '../helpers/staff';

// The inbox's « page suivante » never skips nor repeats a report, even when many share one millisecond: the column
// holds microseconds, and so must the cursor.

const COUNT = 130;

async function fileWithinOneMillisecond(db: Db) {
  const [gerzat] = await db
    .select({ poleId: communes.poleId })
    .from(communes)
    .where(sql`${communes.insee} = '63164'`);
  const rows: NewReport[] = Array.from({ length: COUNT }, (_, i) => ({
    reference: `PC-2026-${String(700_000 + i).padStart(6, '0')}`,
    categorySlug: 'voirie',
    description: 'Même milliseconde',
    lon: 3.15,
    lat: 45.82,
    communeInsee: '63164',
    poleId: gerzat!.poleId,
    channel: 'web',
    stateKey: 'new',
    severity: 'medium',
    dueAt: new Date('2026-05-06T10:00:00Z'),
    createdAt: new Date('2026-05-01T10:00:00Z'),
  }));
  await db.insert(reports).values(rows);
  // 130 reports within the same millisecond, a microsecond apart, in an order that is not the ids' order.
  await db.execute(sql`update reports set
    created_at = timestamptz '2026-05-01 10:00:00.123+00' + ((id * 37) % 997) * interval '1 microsecond',
    due_at = timestamptz '2026-05-06 10:00:00.456+00' + ((id * 53) % 991) * interval '1 microsecond'
    where reference like 'PC-2026-7%'`);
}

describe(`the inbox's pages (${testDbKind})`, () => {
  let handle: Awaited<ReturnType<typeof openTestDatabase>>;
  let admin: StaffUser;
  beforeAll(async () => {
    handle = await openTestDatabase();
    await seedBase(handle.db);
    admin = (await seedStaff(handle.db))('admin');
    await fileWithinOneMillisecond(handle.db);
  });
  afterAll(() => handle.cleanup());

  async function everyPage(sort: string) {
    const references: string[] = [];
    let after: string | null = null;
    // A cursor that loses precision can also send the same page again and again: stop after twice the pages needed.
    for (let pages = 0; pages < 6; pages++) {
      const query = new URLSearchParams({ state: 'tous', sort, ...(after ? { after } : {}) });
      const page = await listInbox(handle.db, admin, parseInboxQuery(query));
      references.push(...page.rows.map((row) => row.reference));
      after = page.nextCursor;
      if (!after) return references;
    }
    throw new Error(`still a « page suivante » after 6 pages: ${references.length} rows read`);
  }

  for (const sort of ['recent', 'oldest', 'due']) {
    it(`lists every report once, in « ${sort} » order, across pages cut inside one millisecond`, async () => {
      const references = await everyPage(sort);
      expect(references).toHaveLength(COUNT);
      expect(new Set(references).size).toBe(COUNT);
    });
  }

  it('still reads a cursor in milliseconds from a link made before', () => {
    const at = Date.parse('2026-05-01T10:00:00.123Z');
    expect(decodeCursor(`${at.toString(36)}-${(42).toString(36)}`)).toEqual({ at: at * 1000, id: 42 });
    expect(decodeCursor(`${(at * 1000 + 7).toString(36)}-1`)).toEqual({ at: at * 1000 + 7, id: 1 });
  });
});
