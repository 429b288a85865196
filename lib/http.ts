// One JSON error answer for every route handler: `{ error, message }`, a code for programs and French for people.
// Never cached: an error is about this request, and a cached 503 would outlive the outage.

export function jsonError(status: number, error: string, message: string): Response {
  return Response.json({ error, message }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** 503: the database or a service behind us failed. The caller logs the cause; the resident reads only this. */
export function unavailable(message = 'Le service est momentanément indisponible. Réessayez dans quelques instants.'): Response {
  return jsonError(503, 'unavailable', message);
}
