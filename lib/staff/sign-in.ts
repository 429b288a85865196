import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { rateLimits, users } from '@/db/schema';
import { env } from '@/lib/env';
import { decoyHash, verifyPassword } from './password';

// Checking a staff member's e-mail and password, with failed attempts throttled per account and per address. Failures
// are counted in windows shared by every instance (rate_limits), weighted so that the window's edge is no reset.

export type SignInCheck = { ok: true; userId: number } | { ok: false; reason: 'invalid' | 'throttled' | 'disabled' };

export const SIGN_IN_MESSAGES = {
  invalid: 'Adresse e-mail ou mot de passe incorrect.',
  throttled:
    'Trop de tentatives de connexion échouées : la connexion est suspendue pendant quelques minutes. Réessayez plus tard ou adressez-vous à l’administrateur.',
  disabled: 'Ce compte est désactivé : adressez-vous à l’administrateur de Proxim’Cité.',
  missing: 'Saisissez votre adresse e-mail et votre mot de passe.',
} as const;

const keyOf = (kind: 'account' | 'ip', value: string) =>
  `signin-${kind}:${createHash('sha256').update(value.trim().toLowerCase()).digest('hex').slice(0, 32)}`;

function windows(now: Date) {
  const windowMs = env.SIGN_IN_WINDOW_MINUTES * 60_000;
  const current = Math.floor(now.getTime() / windowMs) * windowMs;
  return { current: new Date(current), previous: new Date(current - windowMs), elapsed: (now.getTime() - current) / windowMs };
}

/** Failures in the last window's length: this window's, plus the previous one's share of the time still covered. */
async function recentFailures(db: Db, keys: string[], now: Date): Promise<Map<string, number>> {
  const { current, previous, elapsed } = windows(now);
  const rows = await db
    .select({ key: rateLimits.key, windowStart: rateLimits.windowStart, hits: rateLimits.hits })
    .from(rateLimits)
    .where(and(inArray(rateLimits.key, keys), inArray(rateLimits.windowStart, [current, previous])));
  const totals = new Map<string, number>();
  for (const row of rows) {
    const weight = row.windowStart.getTime() === current.getTime() ? 1 : 1 - elapsed;
    totals.set(row.key, (totals.get(row.key) ?? 0) + row.hits * weight);
  }
  return totals;
}

async function countFailure(db: Db, keys: string[], now: Date) {
  const { current } = windows(now);
  await db
    .insert(rateLimits)
    .values(keys.map((key) => ({ key, windowStart: current, hits: 1 })))
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { hits: sql`${rateLimits.hits} + 1` } });
}

export async function checkCredentials(
  db: Db,
  input: { email: string; password: string; ip: string },
  now: Date = new Date(),
): Promise<SignInCheck> {
  const email = input.email.trim().toLowerCase();
  const accountKey = keyOf('account', email);
  const ipKey = keyOf('ip', input.ip);
  const failures = await recentFailures(db, [accountKey, ipKey], now);
  if (
    (failures.get(accountKey) ?? 0) >= env.SIGN_IN_MAX_FAILURES_PER_ACCOUNT ||
    (failures.get(ipKey) ?? 0) >= env.SIGN_IN_MAX_FAILURES_PER_IP
  ) {
    return { ok: false, reason: 'throttled' };
  }
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, isActive: users.isActive })
    .from(users)
    .where(eq(users.email, email));
  const isValid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
  if (!user || !user.passwordHash || !isValid) {
    await countFailure(db, [accountKey, ipKey], now);
    return { ok: false, reason: 'invalid' };
  }
  // Said only to whoever knows the password: a disabled account is not revealed to a guesser.
  if (!user.isActive) return { ok: false, reason: 'disabled' };
  await db.delete(rateLimits).where(and(eq(rateLimits.key, accountKey), lt(rateLimits.windowStart, new Date(now.getTime() + 1))));
  await db.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
  return { ok: true, userId: user.id };
}
