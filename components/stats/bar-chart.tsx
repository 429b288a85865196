import { Fragment } from 'react';
import { cn } from '@/lib/cn';
import { formatCount, formatPart } from '@/lib/figures/format';

/** One bar: `short` is what the chart writes when the label is long (the table always gives the whole label). */
export type ChartRow = { key: string; label: string; short?: string; count: number; color?: string };

// A horizontal bar chart drawn on the server (no JavaScript), followed by the same numbers as a table: the chart for
// the eye, the table for screen readers, keyboards and copying.
type Props = { id: string; title: string; heading: string; rows: ChartRow[]; total: number };

export function BarChart({ id, title, heading, rows, total }: Props) {
  // Labels and numbers are HTML (they wrap and keep their size on a phone), each bar an SVG rectangle scaled to the
  // largest count; the whole chart is one image for assistive technologies, whose numbers are in the table below.
  return (
    <figure aria-labelledby={`${id}-title`} className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <BarRows label={`${title} : graphique en barres, détaillé dans le tableau qui suit`} rows={rows} />
      <FigureTable id={id} caption={title} heading={heading} rows={rows} total={total} />
    </figure>
  );
}

/** The bars themselves: HTML labels and numbers, an SVG rectangle per bar; one image for assistive technologies. */
export function BarRows({ label, rows, className }: { label: string; rows: ChartRow[]; className?: string }) {
  const max = Math.max(1, ...rows.map((row) => row.count));
  return (
    <div
      role="img"
      aria-label={label}
      className={cn('grid grid-cols-[minmax(6rem,12rem)_1fr] items-center gap-x-3 gap-y-1 text-sm', className)}
    >
      {rows.map((row) => (
        <Fragment key={row.key}>
          <span className="truncate text-right text-slate-700" title={row.label}>
            {row.short ?? row.label}
          </span>
          <span className="flex items-center gap-2">
            <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="h-4" style={{ width: `${(row.count / max) * 85}%` }}>
              <rect width={100} height={10} fill={row.color ?? '#00529b'} />
            </svg>
            <span className="font-semibold tabular-nums">{formatCount(row.count)}</span>
          </span>
        </Fragment>
      ))}
    </div>
  );
}

export function FigureTable({ id, caption, heading, rows, total }: Omit<Props, 'title'> & { caption: string }) {
  return (
    <table id={`${id}-table`} className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-300">
          <th scope="col" className="py-1 pr-2 font-medium">
            {heading}
          </th>
          <th scope="col" className="py-1 pr-2 text-right font-medium">
            Signalements
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            Part
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="border-b border-slate-100">
            <th scope="row" className="py-1 pr-2 font-normal">
              {row.label}
            </th>
            <td className="py-1 pr-2 text-right tabular-nums">{formatCount(row.count)}</td>
            <td className="py-1 text-right tabular-nums">{formatPart(row.count, total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
