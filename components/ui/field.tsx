import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

// A labelled field whose hint and errors are announced with it (aria-describedby), as RGAA asks.

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm font-medium text-red-700">
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}

export const describedBy = (id: string, hint?: unknown, errors?: string[]) =>
  [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

export const inputClass = (hasError?: boolean) =>
  cn(
    'mt-1 block w-full rounded border bg-white px-3 py-2 text-base shadow-sm',
    hasError ? 'border-red-700 ring-1 ring-red-700' : 'border-slate-400',
  );

type TextFieldProps = Omit<ComponentProps<'input'>, 'name'> & { name: string; label: string; hint?: string; errors?: string[] };

export function TextField({ name, label, hint, errors, className, id = name, ...input }: TextFieldProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium">
        {label}
        {input.required && <span aria-hidden> *</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      <input
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        className={inputClass(!!errors?.length)}
        {...input}
      />
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}

type SubmitButtonProps = { isPending: boolean; isDisabled?: boolean; children: React.ReactNode; pendingLabel: string };

export function SubmitButton({ isPending, isDisabled = false, children, pendingLabel }: SubmitButtonProps) {
  return (
    <button
      type="submit"
      disabled={isPending || isDisabled}
      className="rounded bg-brand px-5 py-3 font-semibold text-white hover:bg-brand-dark disabled:cursor-not-allowed disabled:opacity-60"
    >
      {isPending ? pendingLabel : children}
    </button>
  );
}

export function FormMessage({ message, isError = true }: { message?: string; isError?: boolean }) {
  if (!message) return null;
  return (
    <p
      role={isError ? 'alert' : 'status'}
      className={cn(
        'rounded border p-3 font-medium',
        isError ? 'border-red-300 bg-red-50 text-red-800' : 'border-green-300 bg-green-50 text-green-900',
      )}
    >
      {message}
    </p>
  );
}

/** The refusal at the top of a form, each error linking to its place below (the GOV.UK error-summary pattern). */
export function ErrorSummary({ message, errors }: { message?: string; errors?: Partial<Record<string, string[]>> }) {
  if (!message) return null;
  const entries = Object.entries(errors ?? {}).flatMap(([field, list]) => (list ?? []).map((text) => ({ field, text })));
  return (
    <div role="alert" tabIndex={-1} className="rounded border-2 border-red-700 bg-red-50 p-4 text-red-900">
      <p className="font-semibold">{message}</p>
      {entries.length > 0 && (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {entries.map(({ field, text }) => (
            <li key={`${field}-${text}`}>
              <a href={`#${field}-error`} className="underline">
                {text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
