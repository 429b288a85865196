import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { checkCredentials } from '@/lib/staff/sign-in';
import { openTestDatabase, testDbKind } from '../helpers/database';
import { seedStaff, TEST_PASSWORD, type TestStaff } from '../helpers/staff';

// Staff sign-in: one answer for a wrong password and an unknown address, failures throttled per account and per
// address for a window shared by every instance. Each test signs in on a day of its own, so windows never overlap.

const day = (n: number, minutes = 0) => new Date(Date.UTC(2026, 2, n, 9, minutes));

describe(`staff sign-in (${testDbKind})`, () => {
  let handle: Awaited<ReturnType<typeof openTestDatabase>>;
  let staff: (local: string) => TestStaff;
  const db = () => handle.db;
  const signIn = (email: string, password: string, ip: string, now: Date) => checkCredentials(db(), { email, password, ip }, now);

  beforeAll(async () => {
    handle = await openTestDatabase();
    await seedBase(db());
    staff = await seedStaff(db());
  });
  afterAll(() => handle.cleanup());

  it('answers a wrong password and an unknown e-mail alike', async () => {
    const { email } = staff('pole.centre');
    expect(await signIn(email, 'mauvais-mot-de-passe', '192.0.2.1', day(2))).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn('personne@demo.proximcite.fr', TEST_PASSWORD, '192.0.2.1', day(2))).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('refuses a disabled account, saying so only to whoever gives its password', async () => {
    const { id, email } = staff('pole.sud');
    await db().update(users).set({ isActive: false }).where(eq(users.id, id));
    expect(await signIn(email, 'mauvais-mot-de-passe', '192.0.2.2', day(3))).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn(email, TEST_PASSWORD, '192.0.2.2', day(3))).toEqual({ ok: false, reason: 'disabled' });
  });

  it('signs in with the right password whatever the e-mail’s case, and notes when', async () => {
    const { id } = staff('pole.ouest');
    const now = day(4);
    expect(await signIn('  Pole.Ouest@DEMO.Proximcite.FR ', TEST_PASSWORD, '192.0.2.3', now)).toEqual({ ok: true, userId: id });
    const [row] = await db().select({ lastSignInAt: users.lastSignInAt }).from(users).where(eq(users.id, id));
    expect(row!.lastSignInAt).toEqual(now);
  });

  it('suspends an account after 5 failures from different addresses, even for the right password, until the window has passed', async () => {
    const { id, email } = staff('pole.est');
    for (let i = 1; i <= 5; i++) {
      expect(await signIn(email, `essai-${i}`, `198.18.0.${i}`, day(5, i))).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await signIn(email, TEST_PASSWORD, '198.18.0.6', day(5, 6))).toEqual({ ok: false, reason: 'throttled' });
    expect(await signIn(email, TEST_PASSWORD, '198.18.0.7', day(5, 6 + 31))).toEqual({ ok: true, userId: id });
  });

  it('suspends an address after 20 failures across accounts, not another address, until the window has passed', async () => {
    const { id, email } = staff('pole.sud-ouest');
    for (let i = 1; i <= 20; i++) {
      const answer = await signIn(`inconnu-${i}@demo.proximcite.fr`, 'devinette', '198.18.1.1', day(6, Math.floor(i / 4)));
      expect(answer).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await signIn(email, TEST_PASSWORD, '198.18.1.1', day(6, 6))).toEqual({ ok: false, reason: 'throttled' });
    expect(await signIn(email, TEST_PASSWORD, '198.18.1.2', day(6, 6))).toEqual({ ok: true, userId: id });
    expect(await signIn(email, TEST_PASSWORD, '198.18.1.1', day(6, 6 + 31))).toEqual({ ok: true, userId: id });
  });
});
