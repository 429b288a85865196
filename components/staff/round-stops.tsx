import Link from 'next/link';
import { CategoryBadge } from '@/components/ui/category-icon';
import { formatDate } from '@/lib/format';
import type { RoundStop } from '@/lib/rounds/queries';
import { RoundStopControls } from './round-stop-controls';

// The stops of a round in visiting order, each with its place, state and planned date, and the buttons that move it.
export function RoundStops({ stops, ownerId }: { stops: RoundStop[]; ownerId: number }) {
  return (
    <ol className="space-y-3" aria-label="Étapes dans l’ordre de passage">
      {stops.map((stop, index) => (
        <li key={stop.reference} className="flex gap-3 rounded border border-slate-200 p-3">
          <span
            aria-hidden
            className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand font-bold text-white"
          >
            {index + 1}
          </span>
          <div className="min-w-0 flex-1 space-y-1">
            <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="sr-only">Étape {index + 1} :</span>
              <Link href={`/gestion/signalements/${stop.reference}`} className="font-semibold text-brand underline">
                {stop.reference}
              </Link>
              <span className="flex items-center gap-2">
                <CategoryBadge icon={stop.categoryIcon} color={stop.categoryColor} size="sm" />
                {stop.categoryName}
              </span>
            </p>
            <p className="text-slate-700">
              {stop.address && !stop.address.includes(stop.communeName)
                ? `${stop.address}, ${stop.communeName}`
                : (stop.address ?? stop.communeName)}
            </p>
            <p className="text-sm">
              {stop.stateLabel}
              {stop.stateType !== 'open' && (
                <strong className="text-amber-800"> — clos depuis son ajout : retirez-le de la tournée</strong>
              )}
              {stop.plannedFor && <> · intervention prévue le {formatDate(stop.plannedFor)}</>}
            </p>
            <RoundStopControls
              owner={ownerId}
              reference={stop.reference}
              isFirst={index === 0}
              isLast={index === stops.length - 1}
            />
          </div>
        </li>
      ))}
    </ol>
  );
}
