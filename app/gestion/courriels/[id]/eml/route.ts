import { fileResponse, notFoundText, staffOrSignIn } from '@/lib/notifications/pdf-response';
import { loadMailFile } from '@/lib/notifications/staff-files';

// The raw .eml of an e-mail written by the file mailer, to open in a mail client.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await staffOrSignIn('/gestion/courriels');
  const file = await loadMailFile(staff, id);
  if (!file) return notFoundText('Ce courriel');
  return fileResponse(file.eml, 'message/rfc822', `courriel-${file.mail.reference}-${file.mail.id}.eml`, 'attachment');
}
