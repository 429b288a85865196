import type { Metadata } from 'next';
import Link from 'next/link';
import { PageSection } from '@/components/ui/page-section';
import { LEGAL } from '@/lib/legal';

// Read at request time: the publisher and host are a deployment's settings (lib/legal.ts).
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Mentions légales' };

export default function LegalNoticePage() {
  return (
    <div className="mx-auto w-full max-w-3xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-bold">Mentions légales</h1>
      <PageSection id="editeur" title="Éditeur">
        <p className="whitespace-pre-line">{LEGAL.publisher}</p>
      </PageSection>
      <PageSection id="directeur" title="Directeur de la publication">
        <p>{LEGAL.publicationDirector}</p>
      </PageSection>
      <PageSection id="hebergeur" title="Hébergeur">
        <p className="whitespace-pre-line">{LEGAL.host}</p>
      </PageSection>
      <PageSection id="donnees-carte" title="Fonds de carte et données">
        <p>
          Les limites des communes et les fonds de carte sont cités en bas de chaque page, avec leur source et leur licence. Les
          signalements publiés ne contiennent aucune donnée personnelle.
        </p>
      </PageSection>
      <PageSection id="liens" title="Voir aussi">
        <ul className="list-disc space-y-1 pl-6">
          <li>
            <Link href="/donnees-personnelles" className="text-brand underline">
              Données personnelles
            </Link>
          </li>
          <li>
            <Link href="/accessibilite" className="text-brand underline">
              Déclaration d’accessibilité
            </Link>
          </li>
        </ul>
      </PageSection>
    </div>
  );
}
