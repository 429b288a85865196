import { notFoundText, staffOrSignIn } from '@/lib/notifications/pdf-response';
import { isReference } from '@/lib/reports/reference-format';
import { PHOTO_POSITION, photoResponse } from '@/lib/reports/photo-response';
import { getStaffPhoto } from '@/lib/reports/staff-report';

type Params = { params: Promise<{ reference: string; position: string }> };

// Staff see every photo of a report in their reach, hidden or waiting for moderation; `?original=1` the photo as
// received before a redaction, for those who may moderate. Anything else answers as missing.
export async function GET(request: Request, { params }: Params) {
  const { reference, position } = await params;
  const staff = await staffOrSignIn(`/gestion/signalements/${encodeURIComponent(reference)}`);
  if (!isReference(reference) || !PHOTO_POSITION.test(position)) return notFoundText('Cette photo');
  const isOriginal = new URL(request.url).searchParams.get('original') === '1';
  const photo = await getStaffPhoto(staff, reference, Number(position), isOriginal);
  return photo ? photoResponse(request, photo, 'private') : notFoundText('Cette photo');
}
