import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Page introuvable' };

export default function NotFound() {
  return (
    <div className="mx-auto w-full max-w-3xl space-y-4 px-4 py-10">
      <h1 className="text-2xl font-bold">Page introuvable</h1>
      <p>
        Cette page n’existe pas, ou plus. Si vous cherchez un signalement, vérifiez sa référence (de la forme PC-2026-000123) ; un
        lien de suivi privé doit être copié en entier.
      </p>
      <p className="flex flex-wrap gap-4">
        <Link href="/suivi" className="text-brand underline">
          Suivre un signalement
        </Link>
        <Link href="/" className="text-brand underline">
          Retour à la carte
        </Link>
      </p>
    </div>
  );
}
