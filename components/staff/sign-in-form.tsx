'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton, TextField } from '@/components/ui/field';
import { signInAction, type SignInState } from '@/lib/staff/session-actions';

export function SignInForm({ returnTo }: { returnTo?: string }) {
  const [state, action, isPending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage message={state.message} />
      <input type="hidden" name="retour" value={returnTo ?? ''} />
      <TextField
        name="email"
        label="Adresse e-mail professionnelle"
        type="email"
        autoComplete="username"
        required
        defaultValue={state.email}
        key={`email-${state.email ?? ''}`}
      />
      <TextField name="password" label="Mot de passe" type="password" autoComplete="current-password" required />
      <SubmitButton isPending={isPending} pendingLabel="Connexion…">
        Se connecter
      </SubmitButton>
    </form>
  );
}
