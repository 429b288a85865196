import { OPEN_DATA_COLUMNS } from '@/lib/open-data/columns';

// Described from the very list the exporter writes, in its order: the page cannot drift from the files.
export function ColumnTable() {
  return (
    <>
      <p>
        Les {OPEN_DATA_COLUMNS.length} colonnes du fichier CSV, dans leur ordre ; dans le GeoJSON, les mêmes propriétés, la
        latitude et la longitude formant la géométrie du point.
      </p>
      {/* Wider than a phone: the region scrolls sideways, and takes the focus so that a keyboard can scroll it too. */}
      <div role="region" aria-labelledby="colonnes-legende" tabIndex={0} className="overflow-x-auto">
        <table className="w-full min-w-[40rem] border-collapse text-left text-sm">
          <caption id="colonnes-legende" className="sr-only">
            Colonnes des fichiers
          </caption>
          <thead>
            <tr className="border-b-2 border-slate-300">
              {['Colonne', 'Type', 'Signification', 'Exemple'].map((heading) => (
                <th key={heading} scope="col" className="px-3 py-2 font-semibold">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {OPEN_DATA_COLUMNS.map((column) => (
              <tr key={column.name} className="border-b border-slate-200 align-top even:bg-slate-50">
                <th scope="row" className="px-3 py-2 font-normal">
                  <code className="font-semibold">{column.name}</code>
                </th>
                <td className="px-3 py-2">{column.type}</td>
                <td className="px-3 py-2">{column.meaning}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <code>{column.example}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
