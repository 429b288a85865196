'use client';

import { useActionState } from 'react';
import { cn } from '@/lib/cn';
import { moveStopAction, removeFromRoundAction } from '@/lib/rounds/actions';
import type { StaffFormState } from '@/lib/staff/run-command';
import { useAnnounce } from './action-announcer';

type Props = { owner: number; reference: string; isFirst: boolean; isLast: boolean };

// Monter, descendre, retirer: one small form each. What they did is said by the page's announcer (the stop itself
// moves or goes away); a refusal is said next to the buttons.
export function RoundStopControls({ owner, reference, isFirst, isLast }: Props) {
  return (
    <div className="flex flex-wrap gap-2">
      {!isFirst && (
        <StopButton action={moveStopAction} fields={{ owner, reference, direction: 'up' }} label={`Monter ${reference}`}>
          Monter
        </StopButton>
      )}
      {!isLast && (
        <StopButton action={moveStopAction} fields={{ owner, reference, direction: 'down' }} label={`Descendre ${reference}`}>
          Descendre
        </StopButton>
      )}
      <StopButton
        action={removeFromRoundAction}
        fields={{ owner, reference }}
        label={`Retirer ${reference} de la tournée`}
        isDanger
      >
        Retirer
      </StopButton>
    </div>
  );
}

type ButtonProps = {
  action: (state: StaffFormState, formData: FormData) => Promise<StaffFormState>;
  fields: Record<string, string | number>;
  label: string;
  isDanger?: boolean;
  children: React.ReactNode;
};

function StopButton({ action, fields, label, isDanger = false, children }: ButtonProps) {
  const announce = useAnnounce();
  const [state, formAction, isPending] = useActionState(async (previous: StaffFormState, data: FormData) => {
    const result = await action(previous, data);
    if (result.ok && result.message) announce?.(result.message);
    return result;
  }, {});
  return (
    <form action={formAction}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        disabled={isPending}
        aria-label={label}
        className={cn(
          'rounded border px-3 py-1.5 text-sm font-semibold disabled:opacity-60',
          isDanger ? 'border-red-700 text-red-800 hover:bg-red-50' : 'border-brand text-brand hover:bg-blue-50',
        )}
      >
        {isPending ? '…' : children}
      </button>
      {state.ok === false && (
        <p role="alert" className="mt-1 text-sm font-medium text-red-800">
          {state.message}
        </p>
      )}
    </form>
  );
}
