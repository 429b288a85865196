import type { StoredPhoto } from './queries';

// One way to answer with a stored photo. A photo may change (redacted) or stop being public (hidden, report hidden):
// the public answer may be kept by caches but is checked again on every use (no-cache + ETag, a 304 costs nothing);
// a private or staff answer is never stored.

const etagOf = (photo: StoredPhoto) => `"p${photo.id}-${photo.redactedAt?.getTime() ?? 0}"`;

export function photoResponse(request: Request, photo: StoredPhoto, audience: 'public' | 'private'): Response {
  const etag = etagOf(photo);
  const headers = {
    'Content-Type': photo.contentType,
    'Cache-Control': audience === 'public' ? 'public, no-cache' : 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
    ETag: etag,
  };
  if (audience === 'public' && request.headers.get('if-none-match') === etag) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(Buffer.from(photo.bytes), { headers });
}

/** Photo positions: a resident's 0–2, the « service fait » ones after them. */
export const PHOTO_POSITION = /^[0-9]$/;
