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

export async function getSeverityDays(db: Db): Promise<SeverityDays> {
  const rows = await listSeverityLevels(db);
  return Object.fromEntries(rows.map((row) => [row.key, row.workingDays])) as SeverityDays;
}

/** For the intake form's select. */
export async function listIntakeSeverities() {
  return listSeverityLevels(await getDb());
}
