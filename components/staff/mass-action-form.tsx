'use client';

import { useActionState, useState } from 'react';
import { FormMessage, inputClass } from '@/components/ui/field';
import { massAction, type StaffFormState } from '@/lib/reports/staff-actions';

type Option = { value: string; label: string };
type Props = {
  children: React.ReactNode;
  canTriage: boolean;
  canTransfer: boolean;
  assignees: Option[];
  severities: Option[];
  poles: Option[];
};

// The inbox table sits inside this form: its checkboxes are the selection, the bar above says what to do with it.
export function MassActionForm({ children, canTriage, canTransfer, assignees, severities, poles }: Props) {
  const [state, action, isPending] = useActionState<StaffFormState, FormData>(massAction, {});
  const [command, setCommand] = useState('');
  // A role that changes nothing (elected officials) gets the table alone.
  if (!canTriage && !canTransfer) return <>{children}</>;
  return (
    <form action={action} className="space-y-3">
      <fieldset className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-slate-50 p-3">
        <legend className="sr-only">Action sur la sélection</legend>
        <div>
          <label htmlFor="mass-command" className="block text-sm font-medium">
            Pour les signalements cochés
          </label>
          <select
            id="mass-command"
            name="command"
            value={command}
            onChange={(event) => setCommand(event.target.value)}
            className={inputClass()}
          >
            <option value="">Choisir une action…</option>
            {canTriage && <option value="acknowledge">Prendre en compte</option>}
            {canTriage && assignees.length > 0 && <option value="assign">Affecter à…</option>}
            {canTriage && <option value="severity">Changer la gravité…</option>}
            {canTransfer && <option value="transfer">Transférer à un autre pôle…</option>}
          </select>
        </div>
        {command === 'assign' && (
          <MassSelect name="assigneeUserId" label="Personne" options={[{ value: '', label: 'Personne' }, ...assignees]} />
        )}
        {command === 'severity' && <MassSelect name="severity" label="Gravité" options={severities} />}
        {command === 'transfer' && (
          <>
            <MassSelect name="poleId" label="Pôle" options={poles} />
            <div>
              <label htmlFor="mass-text" className="block text-sm font-medium">
                Motif du transfert
              </label>
              <input id="mass-text" name="text" required minLength={3} className={inputClass()} />
            </div>
          </>
        )}
        <button
          type="submit"
          disabled={isPending || !command}
          className="rounded bg-brand px-4 py-2.5 font-semibold text-white hover:bg-brand-dark disabled:opacity-60"
        >
          {isPending ? 'En cours…' : 'Appliquer'}
        </button>
      </fieldset>
      <div className="whitespace-pre-line">
        <FormMessage message={state.message} isError={state.ok === false} />
      </div>
      {children}
    </form>
  );
}

function MassSelect({ name, label, options }: { name: string; label: string; options: Option[] }) {
  return (
    <div>
      <label htmlFor={`mass-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <select id={`mass-${name}`} name={name} className={inputClass()}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
