import 'server-only';
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db';
import { clientIpFrom } from '@/lib/client-ip';
import { env } from '@/lib/env';
import { can, type Permission, type ReportScope } from '@/lib/permissions';
import type { Actor } from '@/lib/reports/events';
import { getAuthSecret } from '@/lib/secrets';
import { hasSessionCookie } from '@/lib/staff/session-cookie';
import { checkCredentials } from '@/lib/staff/sign-in';
import { findActiveStaffByEmail, getActiveStaff, type Staff } from '@/lib/staff/users';
import { log } from '@/lib/log';

// Staff sign-in (next-auth, JWT sessions) and the check every staff page, query and action starts with. The session
// carries only the person's id: role, scope and whether the account is still active are read on every request.

class SignInRefused extends CredentialsSignin {
  constructor(reason: string) {
    super(reason);
    this.code = reason;
  }
}

const OIDC_ID = 'metropole';

function providers(): NextAuthConfig['providers'] {
  const credentials = Credentials({
    credentials: { email: { label: 'Adresse e-mail' }, password: { label: 'Mot de passe', type: 'password' } },
    async authorize(input, request) {
      const email = typeof input.email === 'string' ? input.email : '';
      const password = typeof input.password === 'string' ? input.password : '';
      if (!email.trim() || !password) throw new SignInRefused('invalid');
      const result = await checkCredentials(await getDb(), { email, password, ip: clientIpFrom(request.headers) });
      if (!result.ok) throw new SignInRefused(result.reason);
      return { id: String(result.userId) };
    },
  });
  if (!env.AUTH_OIDC_ISSUER || !env.AUTH_OIDC_CLIENT_ID) return [credentials];
  // The métropole's single sign-on, when configured: it proves the e-mail; the account must exist here and be active.
  return [
    credentials,
    {
      id: OIDC_ID,
      name: env.AUTH_OIDC_NAME,
      type: 'oidc',
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_CLIENT_ID,
      clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
    },
  ];
}

/** The SSO button's words, or null when no SSO is configured. */
export const oidcProviderName = () => (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID ? env.AUTH_OIDC_NAME : null);
export { OIDC_ID };

export const { handlers, auth, signIn, signOut } = NextAuth(async () => ({
  secret: await getAuthSecret(await getDb()),
  trustHost: true,
  providers: providers(),
  session: { strategy: 'jwt', maxAge: env.SESSION_HOURS * 3600 },
  pages: { signIn: '/connexion', error: '/connexion' },
  // next-auth logs whole errors; ours carry no personal data, but a name is all an operator needs.
  logger: {
    // A refused password is expected traffic, said with its reason; anything else is an error, by its type.
    error: (error) =>
      error instanceof CredentialsSignin
        ? log.warn('auth.sign_in_refused', { reason: error.code })
        : log.error('auth.error', error, { type: (error as { type?: string }).type ?? 'unknown' }),
    warn: () => {},
    debug: () => {},
  },
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== OIDC_ID) return true;
      return typeof profile?.email === 'string' && (await findActiveStaffByEmail(await getDb(), profile.email)) !== null;
    },
    async jwt({ token, user, account, profile }) {
      if (account?.provider === OIDC_ID && typeof profile?.email === 'string') {
        const staff = await findActiveStaffByEmail(await getDb(), profile.email);
        if (staff) token.uid = String(staff.id);
      } else if (user?.id) {
        token.uid = user.id;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, user: { ...session.user, id: typeof token.uid === 'string' ? token.uid : '' } };
    },
  },
}));

/** The signed-in staff member, or null (signed out, account disabled or removed). */
// Once per request: the header, the staff layout and the page each ask, and each would read the cookie and the
// account again.
export const getStaff = cache(async (): Promise<Staff | null> => {
  // Without a session cookie nobody is signed in: not worth Auth.js's whole session request (session-cookie.ts).
  if (!hasSessionCookie((await cookies()).getAll())) return null;
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  return getActiveStaff(await getDb(), id);
});

/**
 * The first line of every staff page: signed out → the sign-in page; not allowed here → « page introuvable », exactly
 * as for something that does not exist.
 */
export async function requireStaff(
  permission: Permission,
  options: { scope?: ReportScope; returnTo?: string } = {},
): Promise<Staff> {
  const staff = await getStaff();
  // Back to the page asked for once signed in (only /gestion paths are followed: see session-actions.ts).
  if (!staff) redirect(options.returnTo ? `/connexion?retour=${encodeURIComponent(options.returnTo)}` : '/connexion');
  if (!can(staff, permission, options.scope)) notFound();
  return staff;
}

export const actorOf = (staff: Staff): Actor => ({ type: 'staff', userId: staff.id, role: staff.role });
