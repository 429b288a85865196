import type { KeyFigures } from '@/lib/figures/queries';
import type { Projected } from '@/lib/figures/shapes';
import { formatDateTime } from '@/lib/format';
import { BarChart } from './bar-chart';
import { CommuneMap } from './commune-map';
import { FigureTiles } from './figure-tiles';
import { MonthChart } from './month-chart';

// The key figures of a period, as the public page and the dashboard show them: tiles, then every chart with its table.
export function KeyFiguresView({
  figures,
  shapes,
  cacheSeconds,
  isOnePole = false,
}: {
  figures: KeyFigures;
  shapes: Projected;
  cacheSeconds: number;
  /** A view of one pôle: the other pôles' empty bars are left out. */
  isOnePole?: boolean;
}) {
  const { total, handling } = figures;
  return (
    <div className="space-y-6">
      <FigureTiles figures={figures} />
      <p className="text-sm text-slate-700">
        Chiffres calculés le {formatDateTime(figures.computedAt)} à partir des signalements enregistrés, mis à jour toutes les{' '}
        {cacheSeconds} secondes au plus.
      </p>
      <MonthChart id="par-mois" title="Signalements par mois" rows={figures.byMonth} total={total} />
      <div className="grid gap-6 lg:grid-cols-2">
        <BarChart id="par-canal" title="Par canal" heading="Canal" rows={figures.byChannel} total={total} />
        <BarChart
          id="par-pole"
          title="Par pôle de proximité"
          heading="Pôle"
          rows={figures.byPole
            .filter((pole) => !isOnePole || pole.count > 0)
            .map((pole) => ({ ...pole, short: pole.label.replace(/^Pôle de proximité /, '') }))}
          total={total}
        />
        <BarChart id="par-categorie" title="Par catégorie" heading="Catégorie" rows={figures.byCategory} total={total} />
        <CommuneMap id="par-commune" title="Par commune" shapes={shapes} rows={figures.byCommune} total={total} />
        {handling.open > 0 ? (
          <BarChart
            id="en-cours"
            title="Signalements encore en cours, selon leur ancienneté"
            heading="Ancienneté"
            rows={handling.openByAge.map((age) => ({ key: age.label, ...age }))}
            total={handling.open}
          />
        ) : (
          <p className="rounded border border-slate-200 bg-white p-4">
            Aucun signalement de cette période n’est encore en cours.
          </p>
        )}
      </div>
    </div>
  );
}
