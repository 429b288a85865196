import 'server-only';
import { getDb, type Db } from '@/db';
import { log } from '@/lib/log';
import { OPEN_DATA_COLUMNS, type OpenDataRow } from './columns';
import { CSV_BOM, csvRecord } from './csv';
import { FEATURE_COLLECTION_CLOSING, FEATURE_SEPARATOR, feature, featureCollectionOpening } from './geojson';
import type { OpenDataFilters } from './input';
import { readOpenDataBatches } from './queries';

// Every report, streamed: read a batch at a time (queries.ts), each batch written out as the client takes the last, so
// a million rows cost the memory of a couple of batches.

export const EXPORT_BATCH_SIZE = 5_000;
export type ExportOptions = { db?: Db; batchSize?: number; now?: Date };

async function* batches(filters: OpenDataFilters, options: ExportOptions): AsyncGenerator<OpenDataRow[]> {
  yield* readOpenDataBatches(options.db ?? (await getDb()), filters, options.batchSize ?? EXPORT_BATCH_SIZE);
}

const toCsv = (row: OpenDataRow) => csvRecord(OPEN_DATA_COLUMNS, (column) => column.value(row));

// The heading is written with the first batch, so that nothing is sent before the database has answered once.
async function* csvText(filters: OpenDataFilters, options: ExportOptions): AsyncGenerator<string> {
  let heading = CSV_BOM + csvRecord(OPEN_DATA_COLUMNS, (column) => column.name);
  for await (const rows of batches(filters, options)) {
    yield heading + rows.map(toCsv).join('');
    heading = '';
  }
  if (heading) yield heading;
}

async function* geoJsonText(filters: OpenDataFilters, options: ExportOptions): AsyncGenerator<string> {
  let opening: string | null = featureCollectionOpening(options.now ?? new Date());
  for await (const rows of batches(filters, options)) {
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
export async function toStream(text: AsyncGenerator<string>): Promise<ReadableStream<Uint8Array>> {
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
        log.error('open_data.export_failed', error);
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
