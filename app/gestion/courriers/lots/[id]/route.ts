import { fileResponse, notFoundText, staffOrSignIn } from '@/lib/notifications/pdf-response';
import { loadBatchPdf } from '@/lib/notifications/staff-files';

// One batch of a pôle's letters as one PDF, to print for window envelopes.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await staffOrSignIn('/gestion/courriers');
  const batch = await loadBatchPdf(staff, id);
  if (!batch) return notFoundText('Ce lot de courriers');
  return fileResponse(batch.pdf, 'application/pdf', `courriers-lot-${id}.pdf`, 'inline');
}
