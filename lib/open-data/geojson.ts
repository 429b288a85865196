import { OPEN_DATA_COLUMNS, type OpenDataRow, type OpenDataValue } from './columns';
import { OPEN_DATA_ATTRIBUTION, OPEN_DATA_LICENCE } from './dataset';

// A GeoJSON FeatureCollection (RFC 7946) written as text in pieces, so that it streams: the opening with the dataset's
// licence and attribution (foreign members the RFC allows), one feature per report, the closing. Pure.

const PROPERTIES = OPEN_DATA_COLUMNS.filter((column) => !column.isGeometry);
const coordinate = (name: string) => OPEN_DATA_COLUMNS.find((column) => column.name === name)!.value;
const longitude = coordinate('longitude');
const latitude = coordinate('latitude');

export function featureCollectionOpening(generatedAt: Date): string {
  const members = {
    type: 'FeatureCollection',
    name: 'proximcite-signalements',
    license: OPEN_DATA_LICENCE.name,
    licenseUrl: OPEN_DATA_LICENCE.url,
    attribution: OPEN_DATA_ATTRIBUTION,
    generatedAt: generatedAt.toISOString(),
  };
  return `${JSON.stringify(members).slice(0, -1)},"features":[\n`;
}

export function feature(row: OpenDataRow): string {
  const properties: Record<string, OpenDataValue> = {};
  for (const column of PROPERTIES) properties[column.name] = column.value(row);
  return JSON.stringify({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [longitude(row), latitude(row)] },
    properties,
  });
}

/** Features after the first are preceded by a comma. */
export const FEATURE_SEPARATOR = ',\n';
export const FEATURE_COLLECTION_CLOSING = '\n]}\n';
