'use client';

import Link from 'next/link';
import { SERVICE_PHONE, SERVICE_PHONE_HREF } from '@/lib/service';

// Any page that cannot be drawn (the database is unreachable, most often): a French explanation, never a stack trace.
export default function PageError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="mx-auto w-full max-w-3xl space-y-4 px-4 py-10">
      <h1 className="text-2xl font-bold">Page momentanément indisponible</h1>
      <p role="alert">
        Le service rencontre un problème passager. Réessayez dans quelques instants ; pour un problème urgent sur l’espace public,
        appelez le numéro vert{' '}
        <a href={SERVICE_PHONE_HREF} className="font-semibold whitespace-nowrap text-brand underline">
          {SERVICE_PHONE}
        </a>{' '}
        (appel gratuit).
      </p>
      <div className="flex gap-4">
        <button type="button" onClick={reset} className="rounded bg-brand px-4 py-2 text-sm font-medium text-white">
          Réessayer
        </button>
        <Link href="/" className="py-2 text-sm text-brand underline">
          Retour à l’accueil
        </Link>
      </div>
    </div>
  );
}
