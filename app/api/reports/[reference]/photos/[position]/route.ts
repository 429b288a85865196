import { jsonError, unavailable } from '@/lib/http';
import { isReference } from '@/lib/reports/reference-format';
import { getPhoto } from '@/lib/reports/queries';
import { log } from '@/lib/log';

const notFound = () => jsonError(404, 'not_found', 'Photo introuvable.');

export async function GET(_request: Request, { params }: { params: Promise<{ reference: string; position: string }> }) {
  const { reference, position } = await params;
  if (!isReference(reference) || !/^[0-9]$/.test(position)) return notFound();
  let photo;
  try {
    photo = await getPhoto(reference, Number(position));
  } catch (error) {
    log.error('photo.database_unavailable', error);
    return unavailable('Photo momentanément indisponible.');
  }
  if (!photo) return notFound();
  // A stored photo never changes: it may be cached for good.
  return new Response(Buffer.from(photo.bytes), {
    headers: {
      'Content-Type': photo.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
