'use client';

import Link from 'next/link';

// The list reads the database on every request: when it is unreachable, say so in French rather than a blank page.
export default function ReportListError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="mx-auto w-full max-w-3xl space-y-4 px-4 py-10">
      <h1 className="text-2xl font-bold">Liste des signalements</h1>
      <p role="alert">La liste des signalements est momentanément indisponible. Réessayez dans quelques instants.</p>
      <div className="flex gap-4">
        <button type="button" onClick={reset} className="rounded bg-brand px-4 py-2 text-sm font-medium text-white">
          Réessayer
        </button>
        <Link href="/" className="py-2 text-sm text-brand underline">
          Retour à la carte
        </Link>
      </div>
    </div>
  );
}
