import Link from 'next/link';
import { Fragment } from 'react';
import type { ReportRow } from './report-rows';

const FIELDS: [string, (row: ReportRow) => React.ReactNode][] = [
  ['Catégorie', (row) => row.categoryName],
  ['Commune', (row) => row.commune],
  ['Pôle', (row) => row.pole],
  ['État', (row) => row.state],
  ['Date', (row) => <time dateTime={row.createdAt}>{row.date}</time>],
];

// The list's rows as stacked cards, for screens too narrow for six columns (ReportTable shows them from md up): every
// field stays readable without sideways scrolling, each one named.
export function ReportCards({ rows, caption }: { rows: ReportRow[]; caption: string }) {
  return (
    <div className="space-y-2">
      <p id="signalements-cartes" className="font-medium">
        {caption}
      </p>
      <ul aria-labelledby="signalements-cartes" className="divide-y divide-slate-200 border-y border-slate-200">
        {rows.map((row) => (
          <li key={row.reference} className="py-3">
            <Link href={`/suivi/${encodeURIComponent(row.reference)}`} className="font-medium text-brand underline">
              {row.reference}
            </Link>
            <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
              {FIELDS.map(([label, value]) => (
                <Fragment key={label}>
                  <dt className="text-slate-600">{label}</dt>
                  <dd>{value(row)}</dd>
                </Fragment>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}
