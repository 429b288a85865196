import { formatCount } from '@/lib/figures/format';
import type { Dashboard } from '@/lib/figures/dashboard';

// Open reports per person in charge, within what this person may see.
export function Workload({ rows }: { rows: Dashboard['workload'] }) {
  return (
    <section aria-labelledby="charge" className="space-y-2">
      <h2 id="charge" className="text-lg font-semibold">
        Charge par personne aujourd’hui
      </h2>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Signalements en cours par personne chargée du suivi</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="p-2">
                Personne
              </th>
              <th scope="col" className="p-2 text-right">
                En cours
              </th>
              <th scope="col" className="p-2 text-right">
                Dont en retard
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={`${i}-${row.name}`} className="border-t border-slate-100">
                <th scope="row" className="p-2 font-normal">
                  {row.name}
                </th>
                <td className="p-2 text-right tabular-nums">{formatCount(row.open)}</td>
                <td className="p-2 text-right tabular-nums">{formatCount(row.overdue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
