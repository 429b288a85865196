import type { PickedPoint } from '@/components/map/location-picker-map';

export type Located =
  | { status: 'idle' | 'loading' }
  | { status: 'inside'; commune: string; pole: string; nearBorder: boolean }
  | { status: 'outside' | 'error'; message: string };

// Said aloud as soon as the pin moves: where the report will go, or why it cannot.
export function LocationStatus({ point, located }: { point: PickedPoint | null; located: Located }) {
  return (
    <div aria-live="polite" className="min-h-6">
      {!point && (
        <p className="text-sm text-slate-600">
          Touchez ou cliquez la carte pour placer le repère, puis faites-le glisser pour l’ajuster.
        </p>
      )}
      {point && located.status === 'loading' && <p className="text-sm text-slate-600">Recherche de la commune…</p>}
      {point && located.status === 'inside' && (
        <div className="rounded border border-green-300 bg-green-50 p-3">
          <p className="font-medium text-green-900">
            Commune : {located.commune} — {located.pole}
          </p>
          {located.nearBorder && (
            <p className="mt-1 text-sm text-amber-900">
              Le repère est tout près de la limite entre deux communes : vérifiez qu’il est bien placé.
            </p>
          )}
        </div>
      )}
      {point && (located.status === 'outside' || located.status === 'error') && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 font-medium text-red-800">
          {located.message}
        </p>
      )}
    </div>
  );
}
