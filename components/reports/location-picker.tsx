'use client';

import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { LocationPickerMapLoader } from '@/components/map/loaders';
import type { PickedPoint } from '@/components/map/location-picker-map';
import { describedBy, FieldErrors, inputClass, TextField } from '@/components/ui/field';
import { CommuneOptions } from '@/components/ui/options';
import type { Bounds } from '@/lib/geo';
import { FIELD_MAX_LENGTH } from '@/lib/reports/field-limits';
import type { FieldErrors as Errors } from '@/lib/reports/input';
import { roundCoordinate } from '@/lib/territory/coordinates';
import { LocationStatus, type Located } from './location-status';

// Only where a geocoder is configured, so loaded only there.
const AddressSearch = dynamic(() => import('./address-search').then((m) => m.AddressSearch));

export type LocationMode = 'map' | 'commune';

type Props = {
  outlines: FeatureCollection<Polygon | MultiPolygon>;
  bounds: Bounds;
  /** With its pôle, the chosen commune's pôle is said as soon as it is chosen. */
  communes: { insee: string; name: string; poleName?: string }[];
  isGeocoderEnabled: boolean;
  errors?: Errors;
  mode: LocationMode;
  onModeChange: (mode: LocationMode) => void;
  point: PickedPoint | null;
  onPointChange: (point: PickedPoint) => void;
  located: Located;
};

const GEOLOCATION_ERRORS: Record<number, string> = {
  1: 'Vous avez refusé la géolocalisation. Placez le repère sur la carte, ou indiquez la commune et l’adresse.',
  2: 'Votre position est introuvable pour le moment. Placez le repère sur la carte.',
  3: 'La géolocalisation a pris trop de temps. Réessayez ou placez le repère sur la carte.',
};

// Where the problem is: a pin on the map, or — an equal alternative, since a map may not be the only way — a commune
// and an address typed in.
export function LocationPicker(props: Props) {
  const { mode, onModeChange, point, onPointChange, errors } = props;
  const [geoMessage, setGeoMessage] = useState<string | null>(null);
  const [commune, setCommune] = useState('');
  const chosen = props.communes.find((c) => c.insee === commune);

  function locateMe() {
    if (!('geolocation' in navigator)) return setGeoMessage('Votre navigateur ne permet pas la géolocalisation.');
    setGeoMessage('Recherche de votre position…');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setGeoMessage(null);
        onPointChange({ lon: roundCoordinate(position.coords.longitude), lat: roundCoordinate(position.coords.latitude) });
      },
      (error) => setGeoMessage(GEOLOCATION_ERRORS[error.code] ?? GEOLOCATION_ERRORS[2]!),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }

  return (
    <fieldset className="space-y-4" aria-describedby={describedBy('location', null, errors?.location)}>
      <legend className="text-lg font-semibold">Où est le problème ?</legend>
      <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
        <ModeChoice value="map" mode={mode} onChange={onModeChange} label="Placer un repère sur la carte" />
        <ModeChoice value="commune" mode={mode} onChange={onModeChange} label="Indiquer la commune et l’adresse (sans carte)" />
      </div>
      <FieldErrors id="location-error" errors={errors?.location} />

      {mode === 'map' ? (
        <div className="space-y-3">
          <input type="hidden" name="lon" value={point?.lon ?? ''} />
          <input type="hidden" name="lat" value={point?.lat ?? ''} />
          <div className="flex flex-wrap items-end gap-3">
            <button
              type="button"
              onClick={locateMe}
              className="rounded border border-brand px-4 py-2 font-medium text-brand hover:bg-blue-50"
            >
              Me localiser
            </button>
            {props.isGeocoderEnabled && <AddressSearch onPick={onPointChange} />}
          </div>
          {geoMessage && (
            <p role="status" className="text-sm text-slate-700">
              {geoMessage}
            </p>
          )}
          <LocationPickerMapLoader outlines={props.outlines} bounds={props.bounds} point={point} onPick={onPointChange} />
          <LocationStatus point={point} located={props.located} />
          <TextField
            name="address"
            label="Précisions sur le lieu (facultatif)"
            hint="Par exemple : devant le n° 12, côté école."
            maxLength={FIELD_MAX_LENGTH.address}
            errors={errors?.address}
          />
        </div>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="commune" className="block font-medium">
              Commune <span aria-hidden>*</span>
            </label>
            <select
              id="commune"
              name="commune"
              value={commune}
              onChange={(event) => setCommune(event.target.value)}
              aria-invalid={errors?.commune ? true : undefined}
              aria-describedby={describedBy('commune', null, errors?.commune)}
              className={inputClass(!!errors?.commune)}
            >
              <CommuneOptions communes={props.communes} emptyLabel="Choisissez une commune" />
            </select>
            <FieldErrors id="commune-error" errors={errors?.commune} />
          </div>
          <TextField
            name="address"
            label="Adresse ou lieu"
            required
            autoComplete="street-address"
            maxLength={FIELD_MAX_LENGTH.address}
            hint="Numéro et rue, ou un repère (place, arrêt de bus…)."
            errors={errors?.address}
          />
          <div aria-live="polite" className="sm:col-span-2">
            {chosen?.poleName && (
              <p className="rounded border border-green-300 bg-green-50 p-3 font-medium text-green-900">
                Commune : {chosen.name} — {chosen.poleName}
              </p>
            )}
          </div>
          <p className="text-sm text-slate-600 sm:col-span-2">Un agent confirmera l’emplacement exact à partir de l’adresse.</p>
        </div>
      )}
    </fieldset>
  );
}

function ModeChoice({
  value,
  mode,
  onChange,
  label,
}: {
  value: LocationMode;
  mode: LocationMode;
  onChange: (mode: LocationMode) => void;
  label: string;
}) {
  return (
    <label className="flex items-center gap-2">
      <input
        type="radio"
        name="locationMode"
        value={value}
        checked={mode === value}
        onChange={() => onChange(value)}
        className="size-5"
      />
      {label}
    </label>
  );
}
