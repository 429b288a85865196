import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/staff/sign-in-form';
import { DemoAccounts } from '@/components/staff/demo-accounts';
import { FormMessage } from '@/components/ui/field';
import { getStaff, oidcProviderName } from '@/lib/auth';
import { listDemoAccounts } from '@/lib/demo/accounts';
import { signInWithSsoAction } from '@/lib/staff/session-actions';

export const metadata: Metadata = { title: 'Connexion des agents' };

type Props = { searchParams: Promise<{ deconnexion?: string; retour?: string; error?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  if (await getStaff()) redirect('/gestion');
  const { deconnexion, retour, error } = await searchParams;
  const demoAccounts = await listDemoAccounts();
  const sso = oidcProviderName();
  return (
    <div className="mx-auto w-full max-w-md space-y-6 px-4 py-8">
      <h1 className="text-2xl font-bold">Espace agents</h1>
      <p>Réservé aux agents de la Métropole, des pôles de proximité, du numéro vert, des mairies et aux élus.</p>
      {deconnexion && <FormMessage isError={false} message="Vous êtes déconnecté." />}
      {error && !deconnexion && <FormMessage message="La connexion n’a pas abouti : réessayez." />}
      <SignInForm returnTo={retour} />
      {sso && (
        <form action={signInWithSsoAction}>
          <button type="submit" className="rounded border border-brand px-5 py-3 font-semibold text-brand hover:bg-blue-50">
            Se connecter avec : {sso}
          </button>
        </form>
      )}
      {demoAccounts && <DemoAccounts {...demoAccounts} />}
    </div>
  );
}
