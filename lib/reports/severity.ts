import 'server-only';
import { asc } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { severityLevels } from '@/db/schema';
import type { SeverityDays } from './sla';

// The editable promise behind each severity (severity_levels): read where a due date is computed.

export async function listSeverityLevels(db: Db) {
  return db
    .select({ key: severityLevels.key, label: severityLevels.label, workingDays: severityLevels.workingDays })
    .from(severityLevels)
    .orderBy(asc(severityLevels.position));
}

// Read on every submission and every due date: kept a minute per database handle (the levels change a few times a
// year), which saves a round trip on the intake's hot path.
const CACHE_MS = 60_000;
const cache = new WeakMap<Db, { at: number; days: Promise<SeverityDays> }>();

export async function getSeverityDays(db: Db, now: number = Date.now()): Promise<SeverityDays> {
  const cached = cache.get(db);
  if (cached && now - cached.at < CACHE_MS) return cached.days;
  const days = listSeverityLevels(db).then(
    (rows) => Object.fromEntries(rows.map((row) => [row.key, row.workingDays])) as SeverityDays,
  );
  cache.set(db, { at: now, days });
  days.catch(() => cache.delete(db));
  return days;
}

/** For the intake form's select. */
export async function listIntakeSeverities() {
  return listSeverityLevels(await getDb());
}
