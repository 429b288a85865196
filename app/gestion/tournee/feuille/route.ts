import { fileResponse, notFoundText, staffOrSignIn } from '@/lib/notifications/pdf-response';
import { parseOwnerParam } from '@/lib/rounds/input';
import { loadRoundSheet } from '@/lib/rounds/sheet-data';

// The route sheet of one's round (or, `?pour=<id>`, of a person whose round one may prepare), as a PDF to print.
export async function GET(request: Request) {
  const staff = await staffOrSignIn('/gestion/tournee');
  const ownerId = parseOwnerParam(new URL(request.url).searchParams.get('pour') ?? undefined);
  const sheet = ownerId === undefined ? null : await loadRoundSheet(staff, ownerId);
  if (!sheet) return notFoundText('Cette feuille de tournée');
  return fileResponse(sheet.pdf, 'application/pdf', sheet.filename, 'attachment');
}
