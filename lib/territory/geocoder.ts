import 'server-only';
import { env } from '@/lib/env';
import { log } from '@/lib/log';

// Address search through a service speaking the api-adresse.data.gouv.fr format (GEOCODER_URL), biased to the Métropole.

export type AddressResult = { label: string; lon: number; lat: number };
// The route handler turns a failure into its HTTP answer: this module knows the service, not the status codes.
type Outcome = { ok: true; results: AddressResult[] } | { ok: false; reason: 'disabled' | 'unavailable' };

const TIMEOUT_MS = 4_000;

export const isGeocoderEnabled = () => Boolean(env.GEOCODER_URL);

export async function searchAddress(query: string): Promise<Outcome> {
  if (!env.GEOCODER_URL) return { ok: false, reason: 'disabled' };
  const url = new URL('search/', env.GEOCODER_URL.endsWith('/') ? env.GEOCODER_URL : `${env.GEOCODER_URL}/`);
  url.search = new URLSearchParams({ q: query, limit: '5', lat: '45.7772', lon: '3.0819' }).toString();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), cache: 'no-store' });
    if (!response.ok) throw new Error(`geocoder answered ${response.status}`);
    const body = (await response.json()) as {
      features?: { geometry?: { coordinates?: number[] }; properties?: { label?: string } }[];
    };
    const results = (body.features ?? []).flatMap((feature) => {
      const [lon, lat] = feature.geometry?.coordinates ?? [];
      const label = feature.properties?.label;
      return typeof lon === 'number' && typeof lat === 'number' && label ? [{ label, lon, lat }] : [];
    });
    return { ok: true, results };
  } catch (error) {
    log.error('geocoder.unavailable', error);
    return { ok: false, reason: 'unavailable' };
  }
}
