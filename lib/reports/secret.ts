import 'server-only';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { appSettings } from '@/db/schema';
import { env } from '@/lib/env';

const SETTING = 'tracking_secret';
const cache = globalThis as unknown as { proximciteTrackingSecret?: string };

/** TRACKING_SECRET, or else a random secret generated once per installation and kept in the database. */
export async function getTrackingSecret(db: Db): Promise<string> {
  if (env.TRACKING_SECRET) return env.TRACKING_SECRET;
  if (cache.proximciteTrackingSecret) return cache.proximciteTrackingSecret;
  await db
    .insert(appSettings)
    .values({ name: SETTING, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.name, SETTING));
  cache.proximciteTrackingSecret = row!.value;
  return row!.value;
}
