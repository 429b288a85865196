import 'server-only';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { appSettings } from '@/db/schema';
import { env } from '@/lib/env';

// Secrets an installation needs from its first start: taken from the environment when set (production), otherwise
// generated once and kept in the database, so a newcomer's `npm run dev` works with nothing configured.

const cache = globalThis as unknown as { proximciteSecrets?: Map<string, string> };

async function installationSecret(db: Db, name: string, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const secrets = (cache.proximciteSecrets ??= new Map());
  const cached = secrets.get(name);
  if (cached) return cached;
  await db
    .insert(appSettings)
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.name, name));
  secrets.set(name, row!.value);
  return row!.value;
}

/** TRACKING_SECRET: behind the residents' private follow-up links. */
export const getTrackingSecret = (db: Db) => installationSecret(db, 'tracking_secret', env.TRACKING_SECRET);

/** AUTH_SECRET: signs and encrypts the staff's session cookies. */
export const getAuthSecret = (db: Db) => installationSecret(db, 'auth_secret', env.AUTH_SECRET);
