import { fileResponse, notFoundText, staffOrSignIn } from '@/lib/notifications/pdf-response';
import { loadMailAttachment } from '@/lib/notifications/staff-files';

// An attachment of an e-mail written by the file mailer (the letter, as the resident received it).
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; n: string }> }) {
  const { id, n } = await params;
  const staff = await staffOrSignIn('/gestion/courriels');
  const attachment = await loadMailAttachment(staff, id, n);
  if (!attachment) return notFoundText('Cette pièce jointe');
  return fileResponse(attachment.content, attachment.contentType, attachment.filename, 'inline');
}
