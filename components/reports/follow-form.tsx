'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '@/components/ui/field';
import { keepFieldsOnSubmit } from '@/components/ui/keep-fields-on-submit';
import { followReport, type FormState } from '@/lib/reports/actions';
import { ContactFields } from './contact-fields';
import { Honeypot } from './honeypot';

// Joining an existing report: the resident leaves a way to be told of its outcome, and files nothing new.
export function FollowForm({
  reference,
  idempotencyKey,
  onCancel,
}: {
  reference: string;
  idempotencyKey: string;
  onCancel: () => void;
}) {
  const [state, formAction, isPending] = useActionState<FormState, FormData>(followReport, {});
  return (
    <form
      action={formAction}
      onSubmit={keepFieldsOnSubmit(formAction)}
      noValidate
      className="space-y-6"
      aria-labelledby="suivre-titre"
    >
      <h2 id="suivre-titre" className="text-xl font-semibold">
        Suivre le signalement {reference}
      </h2>
      <p>Vous serez informé(e) de la solution apportée à ce problème, sans créer de nouveau signalement.</p>
      <FormMessage message={state.message} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <Honeypot />
      <ContactFields errors={state.fieldErrors} idPrefix="follow-" />
      <div className="flex flex-wrap gap-3">
        <SubmitButton isPending={isPending} pendingLabel="Enregistrement…">
          Suivre ce signalement
        </SubmitButton>
        <button type="button" onClick={onCancel} className="rounded border border-slate-400 px-5 py-3 font-medium">
          Non, faire un nouveau signalement
        </button>
      </div>
    </form>
  );
}
