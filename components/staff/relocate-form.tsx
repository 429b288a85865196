'use client';

import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { useActionState, useState } from 'react';
import { LocationPickerMapLoader } from '@/components/map/loaders';
import type { PickedPoint } from '@/components/map/location-picker-map';
import { FormMessage } from '@/components/ui/field';
import type { Bounds } from '@/lib/geo';
import { relocateReportAction, type StaffFormState } from '@/lib/reports/staff-actions';

type Props = {
  target: { reference: string; version: number };
  point: PickedPoint;
  outlines: FeatureCollection<Polygon | MultiPolygon>;
  bounds: Bounds;
};

// Moving the pin re-locates the report and may hand it to another pôle: it takes a move on the map and a confirmation.
export function RelocateForm({ target, point, outlines, bounds }: Props) {
  const [state, action, isPending] = useActionState<StaffFormState, FormData>(relocateReportAction, {});
  const [picked, setPicked] = useState<PickedPoint>(point);
  const isMoved = picked.lon !== point.lon || picked.lat !== point.lat;
  const errors = Object.values(state.fieldErrors ?? {}).flat();
  return (
    <form action={action} className="space-y-2" aria-label="Corriger l’emplacement">
      <h3 className="font-semibold">Emplacement</h3>
      <p className="text-sm text-slate-700">Déplacez le repère (glisser ou cliquer) pour corriger l’emplacement.</p>
      <LocationPickerMapLoader outlines={outlines} bounds={bounds} point={picked} onPick={setPicked} />
      <input type="hidden" name="reference" value={target.reference} />
      <input type="hidden" name="version" value={target.version} />
      <input type="hidden" name="lon" value={picked.lon} />
      <input type="hidden" name="lat" value={picked.lat} />
      {isMoved && (
        <label className="flex items-center gap-2">
          <input type="checkbox" required className="size-5" />
          Je confirme le nouvel emplacement : la commune et le pôle seront recalculés.
        </label>
      )}
      <FormMessage message={state.message} isError={state.ok === false} />
      {errors.length > 0 && <p className="text-sm font-medium text-red-700">{errors.join(' ')}</p>}
      {isMoved && (
        <button
          type="submit"
          disabled={isPending}
          className="rounded border border-brand px-4 py-2 font-semibold text-brand disabled:opacity-60"
        >
          {isPending ? 'En cours…' : 'Déplacer le repère'}
        </button>
      )}
    </form>
  );
}
