import { isReference } from '@/lib/reports/reference';
import { getPhoto } from '@/lib/reports/queries';

export async function GET(_request: Request, { params }: { params: Promise<{ reference: string; position: string }> }) {
  const { reference, position } = await params;
  if (!isReference(reference) || !/^[0-2]$/.test(position)) return new Response('Photo introuvable.', { status: 404 });
  let photo;
  try {
    photo = await getPhoto(reference, Number(position));
  } catch (error) {
    console.error('photo: database unavailable', error);
    return new Response('Photo momentanément indisponible.', { status: 503 });
  }
  if (!photo) return new Response('Photo introuvable.', { status: 404 });
  // A stored photo never changes: it may be cached for good.
  return new Response(Buffer.from(photo.bytes), {
    headers: {
      'Content-Type': photo.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
