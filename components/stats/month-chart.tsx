import { formatCount } from '@/lib/figures/format';
import { BarRows, FigureTable, type ChartRow } from './bar-chart';

// Reports per month as columns, drawn on the server, then the same numbers as a table.
export function MonthChart({ id, title, rows, total }: { id: string; title: string; rows: ChartRow[]; total: number }) {
  const max = Math.max(1, ...rows.map((row) => row.count));
  const column = 70;
  const chartHeight = 150;
  const top = 22;
  return (
    <figure aria-labelledby={`${id}-title`} className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <svg
        viewBox={`0 0 ${Math.max(rows.length, 6) * column} ${chartHeight + top + 24}`}
        className="hidden h-auto w-full sm:block"
        role="img"
        aria-label={`${title} : graphique en colonnes, détaillé dans le tableau qui suit`}
      >
        <line x1={0} x2={rows.length * column} y1={top + chartHeight} y2={top + chartHeight} stroke="#94a3b8" />
        {rows.map((row, i) => {
          const height = (row.count / max) * chartHeight;
          return (
            <g key={row.key} transform={`translate(${i * column} 0)`}>
              <rect x={8} y={top + chartHeight - height} width={column - 16} height={height} fill="#00529b" rx={2} />
              <text x={column / 2} y={top + chartHeight - height - 6} textAnchor="middle" className="fill-slate-900 text-[12px]">
                {formatCount(row.count)}
              </text>
              <text x={column / 2} y={top + chartHeight + 17} textAnchor="middle" className="fill-slate-700 text-[12px]">
                {row.label.split(' ')[0]}
              </text>
            </g>
          );
        })}
      </svg>
      {/* On a phone, twelve columns would carry 5-pixel labels: the months as bars instead. */}
      <BarRows label={`${title} : graphique en barres, détaillé dans le tableau qui suit`} rows={rows} className="sm:hidden" />
      <details>
        <summary className="cursor-pointer text-sm font-medium text-brand underline">Voir le tableau par mois</summary>
        <FigureTable id={id} caption={title} heading="Mois" rows={rows} total={total} />
      </details>
    </figure>
  );
}
