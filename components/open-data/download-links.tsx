import { OPEN_DATA_DOWNLOADS } from '@/lib/open-data/dataset';

const link = 'font-medium text-brand underline';
const EXAMPLE = `${OPEN_DATA_DOWNLOADS.csv}?annee=2025&etat=ouverts`;

export function DownloadLinks() {
  return (
    <>
      <ul className="list-disc space-y-2 pl-6">
        <li>
          <a href={OPEN_DATA_DOWNLOADS.csv} className={link} download>
            Tous les signalements, au format CSV
          </a>{' '}
          : une ligne par signalement, encodage UTF-8 (avec BOM, pour Excel), champs séparés par des virgules et entre guillemets
          quand ils en contiennent (RFC 4180). Dans Excel, si les colonnes ne se séparent pas : Données &gt; À partir d’un fichier
          texte/CSV, délimiteur « Virgule ».
        </li>
        <li>
          <a href={OPEN_DATA_DOWNLOADS.geojson} className={link} download>
            Tous les signalements, au format GeoJSON
          </a>{' '}
          : une collection de points (WGS 84) pour les logiciels de cartographie (QGIS, uMap…).
        </li>
      </ul>
      <p>
        Les fichiers sont produits à chaque téléchargement (à cinq minutes près) et comprennent tous les signalements, de tous les
        états et de toutes les années, doublons compris. Pour n’en garder qu’une partie, ajoutez à l’adresse{' '}
        <code>?annee=2025</code> (signalements enregistrés cette année-là, heure de Paris) et/ou <code>?etat=ouverts</code>,{' '}
        <code>resolus</code> ou <code>clos</code>, par exemple <code className="break-all">{EXAMPLE}</code>.
      </p>
    </>
  );
}
