import { formatCount, formatHours, formatShare } from '@/lib/figures/format';
import type { KeyFigures } from '@/lib/figures/queries';

// The seed's « chiffres clés » at a glance: reports recorded, phone calls, web forms, the delays promised and kept.
export function FigureTiles({ figures }: { figures: KeyFigures }) {
  const channel = (key: string) => figures.byChannel.find((c) => c.key === key)?.count ?? 0;
  const days = figures.promise.map((p) => p.workingDays);
  const [shortest, longest] = [Math.min(...days), Math.max(...days)];
  const tiles = [
    { label: 'signalements enregistrés', value: formatCount(figures.total) },
    { label: 'appels au numéro vert', value: formatCount(channel('phone')) },
    { label: 'formulaires en ligne', value: formatCount(channel('web')) },
    { label: 'à l’accueil des mairies', value: formatCount(channel('counter')) },
    {
      label: 'délai de traitement promis, selon la gravité',
      value: `${shortest * 24} h à ${longest} jours`,
      note: 'jours ouvrés',
    },
    {
      label: 'délai médian de résolution',
      value: formatHours(figures.handling.medianHours),
      note: `9 sur 10 en moins de ${formatHours(figures.handling.p90Hours)}`,
    },
    {
      label: 'résolus dans le délai promis',
      value: formatShare(figures.handling.withinDueShare),
      note: `${formatCount(figures.handling.resolvedWithinDue)} sur ${formatCount(figures.handling.resolved)} résolus`,
    },
    {
      label: 'encore en cours',
      value: formatCount(figures.handling.open),
      note: `dont ${formatCount(figures.handling.overdue)} en retard`,
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
      {tiles.map((tile) => (
        <div key={tile.label} className="flex flex-col-reverse rounded border border-slate-200 bg-white p-3">
          <dt className="text-sm text-slate-700">
            {tile.label}
            {tile.note && <span className="block text-xs text-slate-600">{tile.note}</span>}
          </dt>
          <dd className="text-2xl font-bold text-brand">{tile.value}</dd>
        </div>
      ))}
    </dl>
  );
}
