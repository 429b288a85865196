import Link from 'next/link';
import { formatShortDate } from '@/lib/format';
import {
  LIST_COUNT_CAP,
  LIST_PAGE_SIZE,
  listingHref,
  type ListingFilters,
  type PublicReportSummary,
} from '@/lib/reports/listing-input';
import { STATE_FILTER_LABELS } from '@/lib/reports/state-filters';
import { ReportRows, type ReportRow } from './report-rows';

type Props = {
  rows: PublicReportSummary[];
  nextAfter: string | null;
  total: number;
  isTotalCapped: boolean;
  isFirstPage: boolean;
  filters: ListingFilters;
};

const toRow = ({ reference, categoryName, commune, pole, state, createdAt }: PublicReportSummary): ReportRow => ({
  reference,
  categoryName,
  commune,
  pole,
  state,
  createdAt,
  date: formatShortDate(createdAt),
});

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
  return (
    <div className="space-y-4">
      <ReportRows rows={rows.map(toRow)} caption={caption} />
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
