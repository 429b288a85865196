'use client';

import { useActionState } from 'react';
import { describedBy, FieldErrors, FormMessage, inputClass, SubmitButton } from '@/components/ui/field';
import { eraseContactAction, reopenReportAction, type FormState } from '@/lib/reports/actions';
import { REASON_MAX } from '@/lib/reports/field-limits';

type Access = { reference: string; token: string };

// What only the holder of the private link may do.
export function ReopenForm({ reference, token }: Access) {
  const [state, formAction, isPending] = useActionState<FormState, FormData>(reopenReportAction, {});
  if (state.isDone) return <FormMessage message={state.message} isError={false} />;
  return (
    <form
      action={formAction}
      noValidate
      className="space-y-3 rounded border border-slate-200 p-4"
      aria-labelledby="rouvrir-titre"
    >
      <h2 id="rouvrir-titre" className="text-lg font-semibold">
        Le problème n’est pas résolu ?
      </h2>
      <FormMessage message={state.message} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="token" value={token} />
      <label htmlFor="reason" className="block font-medium">
        Expliquez ce qui n’est pas résolu
      </label>
      <p id="reason-hint" className="text-sm text-slate-600">
        Votre explication est transmise au pôle et visible sur la page publique du signalement : n’y mettez pas de coordonnées.
      </p>
      <textarea
        id="reason"
        name="reason"
        rows={3}
        maxLength={REASON_MAX}
        aria-invalid={state.fieldErrors?.reason ? true : undefined}
        aria-describedby={describedBy('reason', true, state.fieldErrors?.reason)}
        className={inputClass(!!state.fieldErrors?.reason)}
      />
      <FieldErrors id="reason-error" errors={state.fieldErrors?.reason} />
      <SubmitButton isPending={isPending} pendingLabel="Envoi…">
        Le problème n’est pas résolu
      </SubmitButton>
    </form>
  );
}

export function EraseContactForm({ reference, token }: Access) {
  const [state, formAction, isPending] = useActionState<FormState, FormData>(eraseContactAction, {});
  if (state.isDone) return <FormMessage message={state.message} isError={false} />;
  return (
    <form action={formAction} className="space-y-3 rounded border border-slate-200 p-4" aria-labelledby="effacer-titre">
      <h2 id="effacer-titre" className="text-lg font-semibold">
        Vos coordonnées
      </h2>
      <FormMessage message={state.message} />
      <p className="text-sm text-slate-700">
        Vous pouvez effacer les coordonnées que vous avez laissées. Le signalement reste traité, mais vous ne recevrez plus de
        réponse.
      </p>
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton isPending={isPending} pendingLabel="Effacement…">
        Effacer mes coordonnées
      </SubmitButton>
    </form>
  );
}
