type Props = { count: number; isLoading: boolean; isError: boolean };

function countLabel(count: number): string {
  if (count === 0) return 'Aucun signalement affiché';
  const n = count.toLocaleString('fr-FR');
  return count === 1 ? '1 signalement affiché' : `${n} signalements affichés`;
}

// Announced politely: every filter change ends with one sentence saying what the map now shows.
export function ReportSummary({ count, isLoading, isError }: Props) {
  return (
    <div aria-live="polite" aria-atomic className="text-sm">
      {isLoading ? (
        <p className="text-slate-600">Chargement des signalements…</p>
      ) : isError ? (
        <p className="font-medium text-red-700">Les signalements n’ont pas pu être chargés. Réessayez dans quelques instants.</p>
      ) : (
        <p className="font-medium">{countLabel(count)}</p>
      )}
    </div>
  );
}
