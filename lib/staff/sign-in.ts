import 'server-only';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { users } from '@/db/schema';
import { env } from '@/lib/env';
import { checkLimits, clearHits, countHit } from '@/lib/rate-limits';
import { decoyHash, verifyPassword } from './password';

// Checking a staff member's e-mail and password, with failed attempts throttled per account and per address
// (lib/rate-limits.ts: shared by every instance, a sliding window).

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

export async function checkCredentials(
  db: Db,
  input: { email: string; password: string; ip: string },
  now: Date = new Date(),
): Promise<SignInCheck> {
  const email = input.email.trim().toLowerCase();
  const accountKey = keyOf('account', email);
  const ipKey = keyOf('ip', input.ip);
  const limits = [
    { key: accountKey, limit: env.SIGN_IN_MAX_FAILURES_PER_ACCOUNT },
    { key: ipKey, limit: env.SIGN_IN_MAX_FAILURES_PER_IP },
  ];
  const windowMs = env.SIGN_IN_WINDOW_MINUTES * 60_000;
  if ((await checkLimits(db, limits, windowMs, now)).isOver) return { ok: false, reason: 'throttled' };
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, isActive: users.isActive })
    .from(users)
    .where(eq(users.email, email));
  const isValid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
  if (!user || !user.passwordHash || !isValid) {
    await countHit(db, limits, windowMs, now);
    return { ok: false, reason: 'invalid' };
  }
  // Said only to whoever knows the password: a disabled account is not revealed to a guesser.
  if (!user.isActive) return { ok: false, reason: 'disabled' };
  await clearHits(db, accountKey);
  await db.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
  return { ok: true, userId: user.id };
}
