import 'server-only';
import { and, asc, eq, gt, gte, inArray, isNull, lt, sql, type AnyColumn } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { categories, communes, poles, reports, reportStates } from '@/db/schema';
import { log } from '@/lib/log';
import { OPEN_DATA_COLUMNS, type OpenDataRow } from './columns';
import { CSV_BOM, csvRecord } from './csv';
import { FEATURE_COLLECTION_CLOSING, FEATURE_SEPARATOR, feature, featureCollectionOpening } from './geojson';
import { stateKeysOf, yearBounds, type OpenDataFilters } from './input';

// Every report, streamed: read by keyset on reports.id, a batch at a time, each batch written out before the next is
// read, so a million rows cost the memory of one batch. No transaction around the export: on PGlite, the one
// connection would be held for as long as the slowest client downloads. A report changed during an export is written
// as it was when its batch was read.

export const EXPORT_BATCH_SIZE = 5_000;
export type ExportOptions = { db?: Db; batchSize?: number; now?: Date };

/** The instant as ISO 8601 in UTC to the second, written by the database (the same on PostgreSQL and PGlite). */
const isoInstant = <T extends string | null = string>(column: AnyColumn) =>
  sql<T>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

// Column by column, like the public listings: a personal column added to reports can never come out by default.
const selection = {
  id: reports.id,
  reference: reports.reference,
  categorySlug: reports.categorySlug,
  categoryName: categories.name,
  communeInsee: reports.communeInsee,
  communeName: communes.name,
  poleId: reports.poleId,
  poleName: poles.name,
  channel: reports.channel,
  stateKey: reports.stateKey,
  stateLabel: reportStates.label,
  stateType: reportStates.type,
  severity: reports.severity,
  createdAt: isoInstant(reports.createdAt),
  acknowledgedAt: isoInstant<string | null>(reports.acknowledgedAt),
  resolvedAt: isoInstant<string | null>(reports.resolvedAt),
  dueAt: isoInstant(reports.dueAt),
  lat: reports.lat,
  lon: reports.lon,
};

function readBatch(db: Db, filters: OpenDataFilters, afterId: number, limit: number): Promise<(OpenDataRow & { id: number })[]> {
  const year = filters.year === null ? null : yearBounds(filters.year);
  return db
    .select(selection)
    .from(reports)
    .innerJoin(categories, eq(reports.categorySlug, categories.slug))
    .innerJoin(communes, eq(reports.communeInsee, communes.insee))
    .innerJoin(poles, eq(reports.poleId, poles.id))
    .innerJoin(reportStates, eq(reports.stateKey, reportStates.key))
    .where(
      and(
        gt(reports.id, afterId),
        // A report staff hid from the public (moderation) is left out of open data as of everything public.
        isNull(reports.hiddenAt),
        year ? and(gte(reports.createdAt, year.from), lt(reports.createdAt, year.to)) : undefined,
        filters.state ? inArray(reports.stateKey, stateKeysOf(filters.state)) : undefined,
      ),
    )
    .orderBy(asc(reports.id))
    .limit(limit);
}

/** The reports the filters keep, in batches, oldest id first; the next batch is read while this one is written. */
export async function* readOpenDataBatches(filters: OpenDataFilters, options: ExportOptions = {}): AsyncGenerator<OpenDataRow[]> {
  const db = options.db ?? (await getDb());
  const size = options.batchSize ?? EXPORT_BATCH_SIZE;
  const read = (afterId: number) => {
    const batch = readBatch(db, filters, afterId, size);
    // Awaited below, unless the client leaves first: its failure then has nobody to tell.
    batch.catch(() => {});
    return batch;
  };
  for (let next = read(0); ;) {
    const rows = await next;
    if (rows.length === size) next = read(rows.at(-1)!.id);
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
  }
}

const toCsv = (row: OpenDataRow) => csvRecord(OPEN_DATA_COLUMNS, (column) => column.value(row));

// The heading is written with the first batch, so that nothing is sent before the database has answered once.
async function* csvText(filters: OpenDataFilters, options: ExportOptions): AsyncGenerator<string> {
  let heading = CSV_BOM + csvRecord(OPEN_DATA_COLUMNS, (column) => column.name);
  for await (const rows of readOpenDataBatches(filters, options)) {
    yield heading + rows.map(toCsv).join('');
    heading = '';
  }
  if (heading) yield heading;
}

async function* geoJsonText(filters: OpenDataFilters, options: ExportOptions): AsyncGenerator<string> {
  let opening: string | null = featureCollectionOpening(options.now ?? new Date());
  for await (const rows of readOpenDataBatches(filters, options)) {
    const features = rows.map(feature).join(FEATURE_SEPARATOR);
    yield opening === null ? FEATURE_SEPARATOR + features : opening + features;
    opening = null;
  }
  yield (opening ?? '') + FEATURE_COLLECTION_CLOSING;
}

/**
 * The text as a byte stream pulled by the client: a batch is read only when the previous one has been taken. The first
 * batch is read before returning, so that an unreachable database fails the request (503) instead of a download.
 */
export async function toStream(
  text: AsyncGenerator<string>,
  failureEvent = 'open_data.export_failed',
): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  let first: IteratorResult<string> | null = await text.next();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = first ?? (await text.next());
        first = null;
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        // Headers are gone: the client sees a cut download, never a truncated file presented as whole.
        log.error(failureEvent, error);
        controller.error(error);
      }
    },
    async cancel() {
      await text.return(undefined);
    },
  });
}

export function exportOpenDataCsv(filters: OpenDataFilters, options: ExportOptions = {}): Promise<ReadableStream<Uint8Array>> {
  return toStream(csvText(filters, options));
}

export function exportOpenDataGeoJson(
  filters: OpenDataFilters,
  options: ExportOptions = {},
): Promise<ReadableStream<Uint8Array>> {
  return toStream(geoJsonText(filters, options));
}
