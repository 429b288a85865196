import { jsonError, unavailable } from '@/lib/http';
import { log } from '@/lib/log';
import { isReference } from '@/lib/reports/reference-format';
import { PHOTO_POSITION, photoResponse } from '@/lib/reports/photo-response';
import { findAccess, getReporterPhoto } from '@/lib/reports/queries';

type Params = { params: Promise<{ reference: string; token: string; position: string }> };

const notFound = () => jsonError(404, 'not_found', 'Photo introuvable.');

// The reporter's own photos through their private link, before moderation too: they see what they sent. A follower's
// link gives no more than the public page does.
export async function GET(request: Request, { params }: Params) {
  const { reference, token, position } = await params;
  const decoded = safeDecode(token);
  if (!isReference(reference) || !PHOTO_POSITION.test(position) || decoded === null) return notFound();
  try {
    const access = await findAccess(reference, decoded);
    if (access?.kind !== 'reporter') return notFound();
    const photo = await getReporterPhoto(access.reportId, Number(position));
    return photo ? photoResponse(request, photo, 'private') : notFound();
  } catch (error) {
    log.error('photo.database_unavailable', error);
    return unavailable('Photo momentanément indisponible.');
  }
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
