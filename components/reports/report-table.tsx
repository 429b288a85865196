import Link from 'next/link';
import { formatShortDate } from '@/lib/format';
import { ReportCards } from './report-cards';
import {
  LIST_COUNT_CAP,
  LIST_PAGE_SIZE,
  listingHref,
  type ListingFilters,
  type PublicReportSummary,
} from '@/lib/reports/listing-input';
import { STATE_FILTER_LABELS } from '@/lib/reports/state-filters';

type Props = {
  rows: PublicReportSummary[];
  nextAfter: string | null;
  total: number;
  isTotalCapped: boolean;
  isFirstPage: boolean;
  filters: ListingFilters;
};

const COLUMNS = ['Référence', 'Catégorie', 'Commune', 'Pôle', 'État', 'Date'];

// The text alternative of the map: the same reports, in a table a screen reader can walk.
export function ReportTable({ rows, nextAfter, total, isTotalCapped, isFirstPage, filters }: Props) {
  const subject = `Signalements ${STATE_FILTER_LABELS[filters.state].toLowerCase()}`;
  if (rows.length === 0 && !isFirstPage) {
    // The reports that were left when the previous page was shown have left the view since (resolved long enough ago).
    return (
      <p className="rounded bg-slate-50 p-4">
        {subject} : la liste s’arrête ici.{' '}
        <Link href={`/signalements${listingHref(filters)}`} className="font-medium text-brand underline">
          Revenir au début
        </Link>
      </p>
    );
  }
  if (rows.length === 0) return <p className="rounded bg-slate-50 p-4">{subject} : aucun ne correspond à ces filtres.</p>;
  // Counting stops at the cap: past it, an exact figure would cost a count of the whole table on every page.
  const count = isTotalCapped ? `plus de ${LIST_COUNT_CAP.toLocaleString('fr-FR')}` : total.toLocaleString('fr-FR');
  const caption = `${subject} : ${count} au total, ${isFirstPage ? 'les plus récents d’abord' : 'suite de la liste'}`;
  // One of the two is displayed (the other is display: none, out of the accessibility tree too): cards on a phone, where
  // six columns would scroll sideways and hide the state and the date, the table from md up.
  return (
    <div className="space-y-4">
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
                  <time dateTime={row.createdAt}>{formatShortDate(row.createdAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination nextAfter={nextAfter} isFirstPage={isFirstPage} filters={filters} />
    </div>
  );
}

// Keyset pages: « Page suivante » resumes after the last report shown; going back is the browser's, or the start.
function Pagination({ nextAfter, isFirstPage, filters }: Pick<Props, 'nextAfter' | 'isFirstPage' | 'filters'>) {
  const linkClass = 'rounded border border-slate-300 px-3 py-1.5 text-brand hover:bg-slate-100';
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      {isFirstPage ? (
        <span />
      ) : (
        <Link href={`/signalements${listingHref(filters)}`} className={linkClass}>
          Revenir au début
        </Link>
      )}
      <p>{LIST_PAGE_SIZE} signalements par page, du plus récent au plus ancien</p>
      {nextAfter ? (
        <Link href={`/signalements${listingHref(filters, nextAfter)}`} rel="next" className={linkClass}>
          Page suivante
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
