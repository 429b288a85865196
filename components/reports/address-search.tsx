'use client';

import { useState } from 'react';
import type { PickedPoint } from '@/components/map/location-picker-map';

type Suggestion = { label: string; lon: number; lat: number };

// Only shown when GEOCODER_URL is set: the server asks the address service, the resident picks a result.
export function AddressSearch({ onPick }: { onPick: (point: PickedPoint) => void }) {
  const [query, setQuery] = useState('');
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  async function search() {
    if (query.trim().length < 3) return setMessage('Saisissez au moins 3 caractères.');
    setMessage('Recherche…');
    try {
      const response = await fetch(`/api/geocode?q=${encodeURIComponent(query.trim())}`);
      const body = (await response.json()) as { results?: Suggestion[]; message?: string };
      setSuggestions(body.results ?? []);
      setMessage(
        response.ok ? (body.results?.length ? null : 'Aucune adresse trouvée.') : (body.message ?? 'Recherche impossible.'),
      );
    } catch {
      setMessage('La recherche d’adresse est indisponible : placez le repère sur la carte.');
    }
  }

  return (
    <div className="flex-1">
      <label htmlFor="address-search" className="block font-medium">
        Rechercher une adresse
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id="address-search"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void search();
            }
          }}
          className="block w-full rounded border border-slate-400 px-3 py-2"
          autoComplete="off"
        />
        <button
          type="button"
          onClick={() => void search()}
          className="rounded border border-brand px-3 py-2 font-medium text-brand"
        >
          Rechercher
        </button>
      </div>
      <div aria-live="polite">
        {message && <p className="mt-1 text-sm text-slate-700">{message}</p>}
        {suggestions.length > 0 && (
          <ul className="mt-1 divide-y rounded border border-slate-300 bg-white">
            {suggestions.map((s) => (
              <li key={`${s.label}-${s.lon}-${s.lat}`}>
                <button
                  type="button"
                  className="w-full px-3 py-2 text-left hover:bg-blue-50"
                  onClick={() => {
                    onPick({ lon: s.lon, lat: s.lat });
                    setSuggestions([]);
                    setQuery(s.label);
                  }}
                >
                  {s.label}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
