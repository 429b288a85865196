import 'server-only';
import { sql } from 'drizzle-orm';
import { getDatabase, type DatabaseKind } from '@/db';
import { log } from '@/lib/log';

export type Health = { status: 'ok'; database: DatabaseKind } | { status: 'unavailable'; message: string };

const TIMEOUT_MS = 5_000;

async function ping(): Promise<DatabaseKind> {
  const { db, kind } = await getDatabase();
  await db.execute(sql`select 1`);
  return kind;
}

export async function checkDatabase(): Promise<Health> {
  try {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), TIMEOUT_MS).unref());
    return { status: 'ok', database: await Promise.race([ping(), timeout]) };
  } catch (error) {
    log.error('health.database_unreachable', error);
    return { status: 'unavailable', message: 'La base de données est injoignable.' };
  }
}
