import { formatCount, formatHours, formatShare } from '@/lib/figures/format';
import type { Dashboard } from '@/lib/figures/dashboard';
import type { StaffVocabulary } from '@/lib/staff/vocabulary';

type Props = { poles: Dashboard['poles']; severities: StaffVocabulary['severities'] };

// How each pôle keeps the promise: recorded, resolved, on time (in all and per severity), delays, reopenings, backlog.
export function PolePerformance({ poles, severities }: Props) {
  return (
    <section aria-labelledby="par-pole-detail" className="space-y-2">
      <h2 id="par-pole-detail" className="text-lg font-semibold">
        Respect des délais, pôle par pôle
      </h2>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full min-w-[56rem] text-left text-sm">
          <caption className="sr-only">Respect des délais, pôle par pôle, pour la période choisie</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="p-2">
                Pôle
              </th>
              <th scope="col" className="p-2 text-right">
                Enregistrés
              </th>
              <th scope="col" className="p-2 text-right">
                Résolus
              </th>
              <th scope="col" className="p-2 text-right">
                Dans le délai
              </th>
              {severities.map((level) => (
                <th key={level.key} scope="col" className="p-2 text-right">
                  {level.label}
                </th>
              ))}
              <th scope="col" className="p-2 text-right">
                Délai médian
              </th>
              <th scope="col" className="p-2 text-right">
                Prise en compte (médiane)
              </th>
              <th scope="col" className="p-2 text-right">
                Rouverts
              </th>
              <th scope="col" className="p-2 text-right">
                En cours aujourd’hui
              </th>
              <th scope="col" className="p-2 text-right">
                En retard aujourd’hui
              </th>
            </tr>
          </thead>
          <tbody>
            {poles.map((pole) => (
              <tr key={pole.id} className="border-t border-slate-100">
                <th scope="row" className="p-2 font-medium">
                  {pole.name}
                </th>
                <td className="p-2 text-right tabular-nums">{formatCount(pole.count)}</td>
                <td className="p-2 text-right tabular-nums">{formatCount(pole.resolved)}</td>
                <td className="p-2 text-right tabular-nums">{formatShare(pole.withinDueShare)}</td>
                {severities.map((level) => (
                  <td key={level.key} className="p-2 text-right tabular-nums">
                    {formatShare(pole.bySeverity[level.key]?.share ?? null)}
                  </td>
                ))}
                <td className="p-2 text-right tabular-nums">{formatHours(pole.medianHours)}</td>
                <td className="p-2 text-right tabular-nums">{formatHours(pole.acknowledgeMedianHours)}</td>
                <td className="p-2 text-right tabular-nums">
                  {formatShare(pole.reopenRate)} <span className="text-xs text-slate-600">({formatCount(pole.reopened)})</span>
                </td>
                <td className="p-2 text-right tabular-nums">{formatCount(pole.open)}</td>
                <td className="p-2 text-right tabular-nums">{formatCount(pole.overdue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
