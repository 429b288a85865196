import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { FieldErrors, inputClass } from '@/components/ui/field';
import { isReference } from '@/lib/reports/reference';

export const metadata: Metadata = { title: 'Suivre un signalement' };

export default async function TrackPage({ searchParams }: { searchParams: Promise<{ reference?: string }> }) {
  const typed = (await searchParams).reference?.trim().toUpperCase();
  if (typed && isReference(typed)) redirect(`/suivi/${typed}`);
  const errors = typed !== undefined ? ['Saisissez une référence de la forme PC-2026-000123.'] : undefined;
  return (
    <div className="mx-auto w-full max-w-xl space-y-4 px-4 py-8">
      <h1 className="text-2xl font-bold">Suivre un signalement</h1>
      <p>La référence figure sur la confirmation de votre signalement et dans les messages de la Métropole.</p>
      <form method="get" className="space-y-3">
        <label htmlFor="reference" className="block font-medium">
          Référence du signalement
        </label>
        <input
          id="reference"
          name="reference"
          defaultValue={typed}
          placeholder="PC-2026-000123"
          autoComplete="off"
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? 'reference-error' : undefined}
          className={inputClass(!!errors)}
        />
        <FieldErrors id="reference-error" errors={errors} />
        <button type="submit" className="rounded bg-brand px-5 py-3 font-semibold text-white hover:bg-brand-dark">
          Voir le signalement
        </button>
      </form>
    </div>
  );
}
