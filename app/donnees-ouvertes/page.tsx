import type { Metadata } from 'next';
import { ColumnTable } from '@/components/open-data/column-table';
import { DownloadLinks } from '@/components/open-data/download-links';
import { WithheldList } from '@/components/open-data/withheld-list';
import { PageSection } from '@/components/ui/page-section';
import { COORDINATE_DECIMALS } from '@/lib/open-data/columns';
import { OPEN_DATA_ATTRIBUTION, OPEN_DATA_LICENCE } from '@/lib/open-data/dataset';
import { DATA_ATTRIBUTION } from '@/lib/territory/attribution';

export const metadata: Metadata = { title: 'Données ouvertes' };

export default function OpenDataPage() {
  return (
    <div className="mx-auto w-full max-w-4xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-bold">Données ouvertes</h1>
      <p>
        Les signalements reçus par Proxim’Cité sont publiés sous licence ouverte, sans aucune donnée personnelle : la catégorie,
        la commune, le pôle de proximité, l’état, les dates de traitement et le lieu de chaque anomalie.
      </p>
      <PageSection id="telecharger" title="Télécharger">
        <DownloadLinks />
      </PageSection>
      <PageSection id="colonnes" title="Contenu des fichiers">
        <ColumnTable />
      </PageSection>
      <PageSection id="position" title="Position des anomalies">
        <p>
          Les coordonnées sont arrondies à {COORDINATE_DECIMALS} décimales de degré, soit environ 11 m en latitude et 8 m en
          longitude : assez pour retrouver une anomalie sur l’espace public, trop peu pour désigner une porte quand un habitant a
          placé le repère devant chez lui.
        </p>
      </PageSection>
      <PageSection id="non-publie" title="Ce qui n’est pas publié, et pourquoi">
        <WithheldList />
      </PageSection>
      <PageSection id="licence" title="Licence et sources">
        <p>
          Les données sont publiées sous{' '}
          <a href={OPEN_DATA_LICENCE.url} className="text-brand underline">
            {OPEN_DATA_LICENCE.name}
          </a>{' '}
          : vous pouvez les réutiliser librement, y compris à des fins commerciales, en mentionnant leur source et la date du
          fichier. Source à citer : {OPEN_DATA_ATTRIBUTION}
        </p>
        <p>La commune de chaque signalement est déterminée par les limites communales : {DATA_ATTRIBUTION}</p>
      </PageSection>
    </div>
  );
}
