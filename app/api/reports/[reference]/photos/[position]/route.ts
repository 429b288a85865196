import { jsonError, unavailable } from '@/lib/http';
import { isReference } from '@/lib/reports/reference-format';
import { PHOTO_POSITION, photoResponse } from '@/lib/reports/photo-response';
import { getPhoto } from '@/lib/reports/queries';
import { log } from '@/lib/log';

const notFound = () => jsonError(404, 'not_found', 'Photo introuvable.');

// Public: a photo once published (moderation), never one hidden or of a hidden report; those answer as missing.
export async function GET(request: Request, { params }: { params: Promise<{ reference: string; position: string }> }) {
  const { reference, position } = await params;
  if (!isReference(reference) || !PHOTO_POSITION.test(position)) return notFound();
  let photo;
  try {
    photo = await getPhoto(reference, Number(position));
  } catch (error) {
    log.error('photo.database_unavailable', error);
    return unavailable('Photo momentanément indisponible.');
  }
  return photo ? photoResponse(request, photo, 'public') : notFound();
}
