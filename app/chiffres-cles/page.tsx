import type { Metadata } from 'next';
import Link from 'next/link';
import { KeyFiguresView } from '@/components/stats/key-figures-view';
import { YearPicker } from '@/components/stats/year-picker';
import { parseFigureQuery, selectableYears } from '@/lib/figures/filters';
import { FIGURES_CACHE_SECONDS, getCommuneShapes, getKeyFigures } from '@/lib/figures/queries';
import { toSearchParams } from '@/lib/reports/listing-input';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Chiffres clés' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function KeyFiguresPage({ searchParams }: Props) {
  const params = toSearchParams(await searchParams);
  // The public page shows the whole Métropole for a year; the dashboard (/gestion/tableau-de-bord) filters further.
  const filters = parseFigureQuery(new URLSearchParams(params.has('annee') ? { annee: params.get('annee')! } : {}));
  const [figures, shapes] = await Promise.all([getKeyFigures(filters), getCommuneShapes()]);
  return (
    <div className="mx-auto w-full max-w-7xl space-y-6 px-4 py-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">Chiffres clés</h1>
          <p className="text-slate-700">Les signalements de la Métropole {filters.label}.</p>
        </div>
        <YearPicker years={selectableYears()} selected={filters.year} />
      </div>
      <KeyFiguresView figures={figures} shapes={shapes} cacheSeconds={FIGURES_CACHE_SECONDS} />
      <p className="text-sm">
        Les données de chaque signalement, sans aucune donnée personnelle, sont publiées en{' '}
        <Link href="/donnees-ouvertes" className="text-brand underline">
          données ouvertes
        </Link>
        .
      </p>
    </div>
  );
}
