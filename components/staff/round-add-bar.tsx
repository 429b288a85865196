'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { FormMessage, inputClass } from '@/components/ui/field';
import { addToRoundAction } from '@/lib/rounds/actions';
import type { StaffFormState } from '@/lib/staff/run-command';

type Props = { owners: { id: number; name: string }[]; selfId: number };

// « Ajouter à ma tournée », inside the inbox's selection form: its button sends the ticked reports to the round action.
// A manager may add them to the round of another person of the pôle.
export function RoundAddBar({ owners, selfId }: Props) {
  const [state, action, isPending] = useActionState<StaffFormState, FormData>(addToRoundAction, {});
  const [owner, setOwner] = useState(String(selfId));
  const others = owners.filter((person) => person.id !== selfId);
  const chosen = others.find((person) => String(person.id) === owner);
  // The selection and the person are the bar's only fields: their errors are said with the message.
  const errors = Object.values(state.fieldErrors ?? {}).flat();
  return (
    <div className="space-y-2">
      <fieldset className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-slate-50 p-3">
        <legend className="sr-only">Tournée</legend>
        {others.length > 0 && (
          <div>
            <label htmlFor="round-owner" className="block text-sm font-medium">
              Tournée de
            </label>
            <select
              id="round-owner"
              name="owner"
              value={owner}
              onChange={(event) => setOwner(event.target.value)}
              className={inputClass()}
            >
              <option value={selfId}>moi</option>
              {others.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <button
          type="submit"
          formAction={action}
          disabled={isPending}
          className="rounded border border-brand px-4 py-2.5 font-semibold text-brand hover:bg-blue-50 disabled:opacity-60"
        >
          {isPending ? 'En cours…' : chosen ? `Ajouter à la tournée de ${chosen.name}` : 'Ajouter à ma tournée'}
        </button>
        <Link href={chosen ? `/gestion/tournee?pour=${chosen.id}` : '/gestion/tournee'} className="py-2.5 text-brand underline">
          {chosen ? `Voir la tournée de ${chosen.name}` : 'Voir ma tournée'}
        </Link>
      </fieldset>
      <div className="whitespace-pre-line">
        <FormMessage message={[state.message, ...errors].filter(Boolean).join('\n')} isError={state.ok === false} />
      </div>
    </div>
  );
}
