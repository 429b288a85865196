'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { isForm, NOT_A_FORM } from '@/lib/action-body';
import { OIDC_ID, signIn, signOut } from '@/lib/auth';
import { SIGN_IN_MESSAGES } from './sign-in';

// Signing in and out. The checks themselves (password, throttling, disabled accounts) are in lib/staff/sign-in.ts.

export type SignInState = { message?: string; email?: string };

/** Only a path of this site may be returned to after signing in. */
function safeReturn(value: FormDataEntryValue | null): string {
  const path = typeof value === 'string' ? value : '';
  return path.startsWith('/gestion') && !path.startsWith('//') ? path : '/gestion';
}

export async function signInAction(_state: SignInState, formData: FormData): Promise<SignInState> {
  if (!isForm(formData)) return { message: NOT_A_FORM };
  const email = String(formData.get('email') ?? '').trim();
  const password = String(formData.get('password') ?? '');
  if (!email || !password) return { message: SIGN_IN_MESSAGES.missing, email };
  try {
    await signIn('credentials', { email, password, redirectTo: safeReturn(formData.get('retour')) });
    return {};
  } catch (error) {
    // Success throws Next's redirect, which must go on; only a refused sign-in becomes a message.
    if (!(error instanceof AuthError)) throw error;
    const code = error instanceof CredentialsSignin ? error.code : 'invalid';
    const message = SIGN_IN_MESSAGES[code as keyof typeof SIGN_IN_MESSAGES] ?? SIGN_IN_MESSAGES.invalid;
    return { message, email };
  }
}

export async function signInWithSsoAction(): Promise<void> {
  await signIn(OIDC_ID, { redirectTo: '/gestion' });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/connexion?deconnexion=1' });
}
