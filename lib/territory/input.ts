import { z } from 'zod';

/** A decimal number as a person types it: no exponent, no NaN or Infinity, which Number() would accept. */
export const DECIMAL = /^[-+]?\d+(\.\d+)?$/;

type CoordinateMessages = { required?: string; format?: string; range?: string };
const withError = (error: string | undefined) => (error ? { error } : undefined);

/** A longitude (limit 180) or a latitude (limit 90) read from a string; the messages are the caller's. */
export function coordinate(limit: number, messages: CoordinateMessages = {}) {
  return z
    .string(withError(messages.required))
    .trim()
    .regex(DECIMAL, withError(messages.format))
    .transform(Number)
    .refine((value) => Math.abs(value) <= limit, withError(messages.range));
}

// The query string of GET /api/territory/locate: French messages a resident's browser can show as they are.
const queryCoordinate = (name: string, label: string, limit: number) =>
  coordinate(limit, {
    required: `Le paramètre « ${name} » (${label}) est obligatoire.`,
    format: `Le paramètre « ${name} » doit être un nombre décimal (par exemple 45.7772).`,
    range: `La ${label} doit être comprise entre -${limit} et ${limit}.`,
  });

const locateQuery = z.object({
  lat: queryCoordinate('lat', 'latitude', 90),
  lon: queryCoordinate('lon', 'longitude', 180),
});

export type LocateQuery = z.infer<typeof locateQuery>;

export function parseLocateQuery(params: URLSearchParams): { ok: true; value: LocateQuery } | { ok: false; message: string } {
  const result = locateQuery.safeParse({ lat: params.get('lat') ?? undefined, lon: params.get('lon') ?? undefined });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, message: result.error.issues.map((issue) => issue.message).join(' ') };
}
