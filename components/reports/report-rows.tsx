'use client';

import Link from 'next/link';
import type { PublicReportSummary } from '@/lib/reports/listing-input';
import { ReportCards } from './report-cards';

// A client component for no interaction at all: for its size. A server component's output travels element by element
// in the page's RSC payload, inlined in the HTML; these 50 rows, drawn twice (cards and table), were 95 of its 109 kB,
// and writing that payload, reading it back to render the HTML and escaping it into the page took a third of
// /signalements' time on the server. Drawn here, the payload carries the rows once, as data (11 kB), for the same
// HTML (the page: 190 → 91 kB) and 1 KiB more JavaScript. The date comes formatted by the server: the browser's French
// dates need not match Node's to the character, and hydration would then fail.

/** What a row shows, and no more: the payload carries it. */
export type ReportRow = Pick<PublicReportSummary, 'reference' | 'categoryName' | 'commune' | 'pole' | 'state' | 'createdAt'> & {
  date: string;
};

const COLUMNS = ['Référence', 'Catégorie', 'Commune', 'Pôle', 'État', 'Date'];

// One of the two is displayed (the other is display: none, out of the accessibility tree too): cards on a phone, where
// six columns would scroll sideways and hide the state and the date, the table from md up.
export function ReportRows({ rows, caption }: { rows: ReportRow[]; caption: string }) {
  return (
    <>
      <div className="md:hidden">
        <ReportCards rows={rows} caption={caption} />
      </div>
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="mb-2 text-left font-medium">{caption}</caption>
          <thead>
            <tr className="border-b-2 border-slate-300">
              {COLUMNS.map((column) => (
                <th key={column} scope="col" className="px-3 py-2 font-semibold whitespace-nowrap">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.reference} className="border-b border-slate-200 even:bg-slate-50">
                <th scope="row" className="px-3 py-2 font-normal whitespace-nowrap">
                  <Link href={`/suivi/${encodeURIComponent(row.reference)}`} className="font-medium text-brand underline">
                    {row.reference}
                  </Link>
                </th>
                <td className="px-3 py-2">{row.categoryName}</td>
                <td className="px-3 py-2">{row.commune}</td>
                <td className="px-3 py-2">{row.pole}</td>
                <td className="px-3 py-2">{row.state}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <time dateTime={row.createdAt}>{row.date}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
