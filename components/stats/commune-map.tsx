import { formatCount } from '@/lib/figures/format';
import { classOf, classRanges, type Projected } from '@/lib/figures/shapes';
import { FigureTable, type ChartRow } from './bar-chart';

// Reports per commune on the 21 outlines (a choropleth drawn on the server: no tiles, no JavaScript), a legend in
// words, then the same numbers as a table.

const COLOURS = ['#f1f5f9', '#bfdbfe', '#60a5fa', '#2563eb', '#1e3a8a'];

type Props = { id: string; title: string; shapes: Projected; rows: ChartRow[]; total: number };

export function CommuneMap({ id, title, shapes, rows, total }: Props) {
  const byInsee = new Map(rows.map((row) => [row.key, row]));
  const max = Math.max(0, ...rows.map((row) => row.count));
  return (
    <figure aria-labelledby={`${id}-title`} className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <svg
        viewBox={`0 0 ${shapes.width} ${shapes.height}`}
        className="mx-auto h-auto w-full max-w-xl"
        role="img"
        aria-label={`${title} : carte des 21 communes, détaillée dans le tableau qui suit`}
      >
        {shapes.shapes.map((shape) => {
          const row = byInsee.get(shape.insee);
          const count = row?.count ?? 0;
          return (
            <path key={shape.insee} d={shape.path} fill={COLOURS[classOf(count, max)]} stroke="#334155" strokeWidth={0.8}>
              <title>{`${row?.label ?? shape.insee} : ${formatCount(count)} signalement${count > 1 ? 's' : ''}`}</title>
            </path>
          );
        })}
      </svg>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Légende de la carte">
        <li className="flex items-center gap-1">
          <span className="inline-block h-3 w-5 border border-slate-400" style={{ background: COLOURS[0] }} /> aucun
        </li>
        {classRanges(max).map((range) => (
          <li key={range.index} className="flex items-center gap-1">
            <span className="inline-block h-3 w-5 border border-slate-400" style={{ background: COLOURS[range.index] }} />
            {range.from === range.to ? formatCount(range.to) : `${formatCount(range.from)} à ${formatCount(range.to)}`}
          </li>
        ))}
      </ul>
      <details>
        <summary className="cursor-pointer text-sm font-medium text-brand underline">Voir le tableau par commune</summary>
        <FigureTable id={id} caption={title} heading="Commune" rows={rows} total={total} />
      </details>
    </figure>
  );
}
