import type { OpenDataFilters } from './input';

// What every copy of the datasets says about itself: licence, producer, sources, and its file name.

export const OPEN_DATA_LICENCE = {
  name: 'Licence Ouverte / Open Licence 2.0 (Etalab)',
  /** HTTP header values are Latin-1: this one stays ASCII. */
  header: 'Licence Ouverte 2.0 (Etalab)',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const;

/** Licence Ouverte asks reusers to name the source and the date of its last update (the file's date says it). */
export const OPEN_DATA_ATTRIBUTION =
  'Clermont Auvergne Métropole – Proxim’Cité, signalements d’anomalies sur l’espace public ; codes et noms des communes : INSEE COG – Licence Ouverte 2.0 ; regroupement des communes en pôles : hypothèse de travail, non officielle.';

export const OPEN_DATA_PAGE = '/donnees-ouvertes';
export const OPEN_DATA_DOWNLOADS = { csv: '/api/open-data/reports.csv', geojson: '/api/open-data/reports.geojson' } as const;
export type OpenDataFormat = keyof typeof OPEN_DATA_DOWNLOADS;

const CONTENT_TYPES: Record<OpenDataFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  geojson: 'application/geo+json; charset=utf-8',
};

/** Five minutes: a download is a full scan of the table, and the figures need not be fresher than that. */
const CACHE_SECONDS = 300;

const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });

/** « proximcite-signalements-2025-ouverts-2026-05-06.csv »: what was asked, then the day it was made (Paris). */
export function openDataFileName(format: OpenDataFormat, filters: OpenDataFilters, now: Date): string {
  const parts = ['proximcite-signalements', filters.year, filters.state, parisDay.format(now)].filter((part) => part !== null);
  return `${parts.join('-')}.${format}`;
}

export function openDataHeaders(format: OpenDataFormat, filters: OpenDataFilters, now: Date): HeadersInit {
  return {
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': `attachment; filename="${openDataFileName(format, filters, now)}"`,
    'Cache-Control': `public, max-age=${CACHE_SECONDS}`,
    'X-License': OPEN_DATA_LICENCE.header,
    Link: `<${OPEN_DATA_LICENCE.url}>; rel="license", <${OPEN_DATA_PAGE}>; rel="describedby"`,
  };
}
