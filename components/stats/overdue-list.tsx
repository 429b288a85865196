import Link from 'next/link';
import { formatShortDue } from '@/lib/format';
import { formatCount } from '@/lib/figures/format';
import type { Dashboard } from '@/lib/figures/dashboard';
import { SEVERITY_SHORT_LABELS } from '@/lib/reports/labels';

// The reports overdue now, within what this person may see, the most overdue first, each linked to its page.
export function OverdueList({ rows, limit }: { rows: Dashboard['overdue']; limit: number }) {
  return (
    <section aria-labelledby="en-retard" className="space-y-2">
      <h2 id="en-retard" className="text-lg font-semibold">
        En retard aujourd’hui
        {rows.length > 0 && ` (${rows.length === limit ? `les ${limit} plus anciens` : formatCount(rows.length)})`}
      </h2>
      {rows.length === 0 ? (
        <p>Aucun signalement en retard dans cette vue.</p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">Signalements en retard, le plus ancien d’abord</caption>
            <thead className="bg-slate-50">
              <tr>
                {['Référence', 'Catégorie', 'Commune', 'Pôle', 'Gravité', 'Échéance', 'Chargé du suivi'].map((heading) => (
                  <th key={heading} scope="col" className="p-2">
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.reference} className="border-t border-slate-100">
                  <th scope="row" className="p-2 font-medium">
                    <Link href={`/gestion/signalements/${row.reference}`} className="text-brand underline">
                      {row.reference}
                    </Link>
                  </th>
                  <td className="p-2">{row.category}</td>
                  <td className="p-2">{row.commune}</td>
                  <td className="p-2">{row.pole}</td>
                  <td className="p-2">{SEVERITY_SHORT_LABELS[row.severity]}</td>
                  <td className="p-2">{formatShortDue(row.dueAt)}</td>
                  <td className="p-2">{row.assignee ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
