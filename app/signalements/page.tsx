import type { Metadata } from 'next';
import Link from 'next/link';
import { ReportFilterForm } from '@/components/reports/report-filter-form';
import { ReportTable } from '@/components/reports/report-table';
import { listReportsPage, readListQuery } from '@/lib/reports/list-page';
import { parseListPosition, toSearchParams, type ListingFilters } from '@/lib/reports/listing-input';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Liste des signalements' };

const DEFAULT_FILTERS: ListingFilters = { bbox: null, categories: [], commune: null, state: 'open' };
const UNKNOWN_POSITION = 'Ce lien vers la suite de la liste ne mène plus à rien : voici le début de la liste.';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReportListPage(props: Props) {
  const params = toSearchParams(await props.searchParams);
  const { query, vocabulary } = await readListQuery(params);
  const filters = query.ok ? query.value : DEFAULT_FILTERS;
  const position = parseListPosition(params);
  const result = query.ok ? await listReportsPage(filters, position.after) : null;
  const notice = result?.isRestarted ? UNKNOWN_POSITION : position.notice;
  return (
    <div className="mx-auto w-full max-w-7xl space-y-6 px-4 py-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Liste des signalements</h1>
        <Link href="/" className="text-sm font-medium text-brand underline">
          Retour à la carte
        </Link>
      </div>
      <ReportFilterForm categories={vocabulary.activeCategories} communes={vocabulary.communes} filters={filters} />
      {result ? (
        <>
          {notice && (
            <p role="status" className="rounded border border-amber-300 bg-amber-50 p-4 text-amber-900">
              {notice}
            </p>
          )}
          <ReportTable {...result} isFirstPage={!position.after || result.isRestarted} filters={filters} />
        </>
      ) : (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-4 text-red-800">
          {!query.ok && query.message}
        </p>
      )}
    </div>
  );
}
