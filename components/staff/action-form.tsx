'use client';

import { useActionState, useRef } from 'react';
import { FormMessage } from '@/components/ui/field';
import { keepFieldsOnSubmit } from '@/components/ui/keep-fields-on-submit';
import { cn } from '@/lib/cn';
import type { StaffFormState } from '@/lib/reports/staff-actions';
import { useAnnounce } from './action-announcer';

type Props = {
  action: (state: StaffFormState, formData: FormData) => Promise<StaffFormState>;
  /** The report and the version this page read: an update names it, so a concurrent change is caught, not lost. */
  hidden: Record<string, string | number>;
  submitLabel: string;
  title?: string;
  /** The title's level in the page's outline (a form directly under the page title is a level 2). */
  headingLevel?: 2 | 3;
  children?: React.ReactNode;
  isSecondary?: boolean;
};

// One staff command as a form: its fields, a pending button, and the answer (success, refusal and field errors).
export function ActionForm({ action, hidden, submitLabel, title, headingLevel = 3, children, isSecondary = false }: Props) {
  const announce = useAnnounce();
  // Announced from the action itself, not from an effect: a move's answer arrives with the page that no longer has
  // this form, so an effect of the form would never run.
  const form = useRef<HTMLFormElement>(null);
  const [state, formAction, isPending] = useActionState(async (previous: StaffFormState, data: FormData) => {
    const result = await action(previous, data);
    if (result.ok && result.message) announce?.(result.message);
    // Emptied once done; a refused form keeps what was typed (a long solution is not retyped).
    if (result.ok) form.current?.reset();
    return result;
  }, {});
  const errors = Object.values(state.fieldErrors ?? {}).flat();
  const isAnnounced = announce !== null && state.ok === true;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={keepFieldsOnSubmit(formAction)}
      className="space-y-2"
      aria-label={title ?? submitLabel}
    >
      {title && <Heading className="font-semibold">{title}</Heading>}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      {!isAnnounced && <FormMessage message={state.message} isError={state.ok === false} />}
      {errors.length > 0 && (
        <ul className="list-disc pl-5 text-sm font-medium text-red-700">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
      <button
        type="submit"
        disabled={isPending}
        className={cn(
          'rounded px-4 py-2 font-semibold disabled:opacity-60',
          isSecondary ? 'border border-brand text-brand hover:bg-blue-50' : 'bg-brand text-white hover:bg-brand-dark',
        )}
      >
        {isPending ? 'En cours…' : submitLabel}
      </button>
    </form>
  );
}
