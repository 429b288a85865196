import type { Feature, Point } from 'geojson';
import { z } from 'zod';
import type { Bounds } from '@/lib/geo';
import { DECIMAL } from '@/lib/territory/input';
import { MAX_MAP_ZOOM, type ClusterFeature } from './map-grid';
import { STATE_FILTERS, type StateFilter } from './state-filters';

// The filters of the public map (GET /api/reports) and of the list view (/signalements), read from a query string.
// Pure: the known categories and communes are handed in, so every refusal is unit-tested without a database.

/** A resolved report stays on the public map this long: residents see that something was done, then it goes. */
export const RECENTLY_RESOLVED_DAYS = 30;

/** Wider boxes than this are refused: the territory spans about 0.35°, a wider box is a scraper, not a map. */
export const MAX_BBOX_SPAN_DEG = 1;

export const LIST_PAGE_SIZE = 50;
/**
 * Past this, the list's total reads « plus de 10 000 »: up to it, counting reads a small partial index alone (a few ms
 * on a million reports, see tests/bench/list.ts); past it, an exact figure would cost a scan per page for a number
 * nobody pages through.
 */
export const LIST_COUNT_CAP = 10_000;

export type ListingFilters = { bbox: Bounds | null; categories: string[]; commune: string | null; state: StateFilter };
/** The map's query: the filters, and the zoom whose grid clusters the answer (null: every report, one by one). */
export type MapQuery = ListingFilters & { zoom: number | null };
export type ListingVocabulary = { categories: { slug: string }[]; communes: { insee: string }[] };

/** A report as a row of the list or a point of the map: never who reported it nor what they wrote. */
export type PublicReportSummary = {
  reference: string;
  category: string;
  categoryName: string;
  state: string;
  stateType: 'open' | 'resolved' | 'closed';
  commune: string;
  pole: string;
  createdAt: string;
};
export type ReportPointFeature = Feature<Point, PublicReportSummary>;
/** GET /api/reports: clusters and single reports; `total` is every matching report, the clusters' counts included. */
export type PublicMapAnswer = {
  type: 'FeatureCollection';
  zoom: number | null;
  total: number;
  features: (ClusterFeature | ReportPointFeature)[];
};

const bbox = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()))
  .refine((parts) => parts.length === 4 && parts.every((part) => DECIMAL.test(part)), {
    error: 'Le paramètre « bbox » doit contenir 4 nombres décimaux séparés par des virgules : minLon,minLat,maxLon,maxLat.',
  })
  .transform((parts) => parts.map(Number) as Bounds)
  .refine(([minLon, , maxLon]) => [minLon, maxLon].every((lon) => Math.abs(lon) <= 180), {
    error: 'Dans « bbox », les longitudes doivent être comprises entre -180 et 180.',
    abort: true,
  })
  .refine(([, minLat, , maxLat]) => [minLat, maxLat].every((lat) => Math.abs(lat) <= 90), {
    error: 'Dans « bbox », les latitudes doivent être comprises entre -90 et 90.',
    abort: true,
  })
  .refine(([minLon, minLat, maxLon, maxLat]) => minLon <= maxLon && minLat <= maxLat, {
    error: 'Dans « bbox », chaque minimum doit être inférieur ou égal au maximum correspondant.',
    abort: true,
  })
  .refine(([minLon, minLat, maxLon, maxLat]) => maxLon - minLon <= MAX_BBOX_SPAN_DEG && maxLat - minLat <= MAX_BBOX_SPAN_DEG, {
    error: `La zone « bbox » est trop grande : ${MAX_BBOX_SPAN_DEG} degré au plus de côté.`,
  });

function schemaFor(vocabulary: ListingVocabulary) {
  const slugs = new Set(vocabulary.categories.map((c) => c.slug));
  const communes = new Set(vocabulary.communes.map((c) => c.insee));
  return z.object({
    bbox: bbox.optional(),
    categories: z.array(z.string()).superRefine((values, context) => {
      const unknown = values.filter((slug) => !slugs.has(slug));
      if (unknown.length > 0) context.addIssue({ code: 'custom', message: `Catégorie inconnue : ${unknown.join(', ')}.` });
    }),
    commune: z
      .string()
      .regex(/^[0-9][0-9AB][0-9]{3}$/, { error: 'Le paramètre « commune » doit être un code INSEE à 5 caractères.', abort: true })
      .refine((insee) => communes.has(insee), { error: 'Cette commune ne fait pas partie de la Métropole.' })
      .optional(),
    state: z.enum(STATE_FILTERS, { error: 'Le paramètre « state » doit valoir open, resolved ou all.' }).default('open'),
    zoom: zoom.optional(),
  });
}

const ZOOM_ERROR = `Le paramètre « zoom » doit être un nombre entier entre 0 et ${MAX_MAP_ZOOM}.`;
const zoom = z
  .string()
  .regex(/^\d{1,2}$/, { error: ZOOM_ERROR, abort: true })
  .transform(Number)
  .refine((value) => value <= MAX_MAP_ZOOM, { error: ZOOM_ERROR });

// An empty field is an unset filter: that is what a plain GET form sends for « Toutes ».
const present = (value: string | null) => (value === null || value.trim() === '' ? undefined : value.trim());

export function parseListingQuery(
  params: URLSearchParams,
  vocabulary: ListingVocabulary,
): { ok: true; value: MapQuery } | { ok: false; message: string } {
  const categories = params
    .getAll('category')
    .flatMap((value) => value.split(','))
    .map((slug) => slug.trim())
    .filter(Boolean);
  const result = schemaFor(vocabulary).safeParse({
    bbox: present(params.get('bbox')),
    categories: [...new Set(categories)],
    commune: present(params.get('commune')),
    state: present(params.get('state')),
    zoom: present(params.get('zoom')),
  });
  if (!result.success) return { ok: false, message: result.error.issues.map((issue) => issue.message).join(' ') };
  const { bbox: box, categories: slugs, commune, state, zoom } = result.data;
  return { ok: true, value: { bbox: box ?? null, categories: slugs, commune: commune ?? null, state, zoom: zoom ?? null } };
}

/** What a map shows: the box and the zoom whose grid clusters the answer. */
export type MapViewParams = { bbox: Bounds; zoom: number };

/**
 * The view a map asks for, both parts required (the staff map's route: its filters are the inbox's own), read with
 * the same rules and French messages as the public map's `bbox` and `zoom`.
 */
export function parseMapView(params: URLSearchParams): { ok: true; value: MapViewParams } | { ok: false; message: string } {
  const raw = { bbox: present(params.get('bbox')), zoom: present(params.get('zoom')) };
  const missing = (['bbox', 'zoom'] as const).filter((name) => raw[name] === undefined);
  if (missing.length > 0) {
    return { ok: false, message: `Paramètre obligatoire manquant : ${missing.map((name) => `« ${name} »`).join(' et ')}.` };
  }
  const result = z.object({ bbox, zoom }).safeParse(raw);
  if (!result.success) return { ok: false, message: result.error.issues.map((issue) => issue.message).join(' ') };
  return { ok: true, value: result.data };
}

/**
 * Where the list view resumes: the reference of the last report shown (keyset paging, so that the 5,000th page costs
 * what the first costs, and a report filed meanwhile neither shifts nor repeats a row). `null` is the first page;
 * `notice` says, in French, why a link that cannot be followed opened the first page instead.
 */
export function parseListPosition(params: URLSearchParams): { after: string | null; notice: string | null } {
  const after = present(params.get('after'));
  if (after !== undefined) {
    return REFERENCE.test(after)
      ? { after, notice: null }
      : { after: null, notice: 'Ce lien vers la suite de la liste n’est pas valide : voici le début de la liste.' };
  }
  // Links of the numbered pages of before: the page they named has moved since, the start is where they lead.
  const page = present(params.get('page'));
  return page !== undefined && page !== '1'
    ? {
        after: null,
        notice: 'Les pages ne sont plus numérotées : voici le début de la liste, « Page suivante » mène à la suite.',
      }
    : { after: null, notice: null };
}

const REFERENCE = /^PC-\d{4}-\d{6}$/;

/** Next.js hands a page its query as a record; the parser reads URLSearchParams like the route handler. */
export function toSearchParams(record: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  }
  return params;
}

/** The query string of a list page with the same filters, resuming after `after` (a reference) or from the start. */
export function listingHref(filters: ListingFilters, after: string | null = null): string {
  const params = new URLSearchParams();
  if (filters.bbox) params.set('bbox', filters.bbox.join(','));
  for (const slug of filters.categories) params.append('category', slug);
  if (filters.commune) params.set('commune', filters.commune);
  if (filters.state !== 'open') params.set('state', filters.state);
  if (after) params.set('after', after);
  const query = params.toString();
  return query ? `?${query}` : '';
}
