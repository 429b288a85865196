'use client';

import { useEffect, useState } from 'react';
import type { PickedPoint } from '@/components/map/location-picker-map';
import type { NearbyReport } from './duplicate-list';
import type { Located } from './location-status';

// Live answers while the resident fills in the form; the server decides again when the form is sent.
// Each answer is kept with the question it answers, so a stale one is never shown for a newer pin.

function useLookup<T>(url: string | null, read: (response: Response) => Promise<T>) {
  const [answer, setAnswer] = useState<{ url: string; value: T } | null>(null);
  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    fetch(url, { signal: controller.signal })
      .then(read)
      .then((value) => setAnswer({ url, value }))
      .catch((error: unknown) => {
        if ((error as Error).name !== 'AbortError') setAnswer({ url, value: undefined as T });
      });
    return () => controller.abort();
  }, [url, read]);
  return answer?.url === url ? { isLoading: false, value: answer.value } : { isLoading: url !== null, value: undefined };
}

async function readLocation(response: Response): Promise<Located> {
  const body = await response.json();
  if (response.ok) return { status: 'inside', commune: body.commune.name, pole: body.pole.name, nearBorder: body.nearBorder };
  return { status: response.status === 404 ? 'outside' : 'error', message: body.message };
}

async function readNearby(response: Response): Promise<NearbyReport[]> {
  return response.ok ? ((await response.json()) as { reports: NearbyReport[] }).reports : [];
}

export function useLocated(point: PickedPoint | null): Located {
  const { isLoading, value } = useLookup(point && `/api/territory/locate?lat=${point.lat}&lon=${point.lon}`, readLocation);
  if (!point) return { status: 'idle' };
  if (isLoading) return { status: 'loading' };
  return value ?? { status: 'error', message: 'La commune n’a pas pu être déterminée. Vérifiez votre connexion.' };
}

export function useDuplicates(point: PickedPoint | null, category: string): NearbyReport[] {
  const url =
    point && category ? `/api/reports/nearby?lat=${point.lat}&lon=${point.lon}&category=${encodeURIComponent(category)}` : null;
  return useLookup(url, readNearby).value ?? [];
}
