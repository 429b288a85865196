import { z } from 'zod';

// The query string of GET /api/territory/locate: French messages a resident's browser can show as they are.
const coordinate = (name: string, label: string, limit: number) =>
  z
    .string({ error: `Le paramètre « ${name} » (${label}) est obligatoire.` })
    .trim()
    .regex(/^[-+]?\d+(\.\d+)?$/, { error: `Le paramètre « ${name} » doit être un nombre décimal (par exemple 45.7772).` })
    .transform(Number)
    .refine((value) => Math.abs(value) <= limit, { error: `La ${label} doit être comprise entre -${limit} et ${limit}.` });

const locateQuery = z.object({
  lat: coordinate('lat', 'latitude', 90),
  lon: coordinate('lon', 'longitude', 180),
});

export type LocateQuery = z.infer<typeof locateQuery>;

export function parseLocateQuery(params: URLSearchParams): { ok: true; value: LocateQuery } | { ok: false; message: string } {
  const result = locateQuery.safeParse({ lat: params.get('lat') ?? undefined, lon: params.get('lon') ?? undefined });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, message: result.error.issues.map((issue) => issue.message).join(' ') };
}
