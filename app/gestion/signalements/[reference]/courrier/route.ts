import { fileResponse, notFoundText, staffOrSignIn } from '@/lib/notifications/pdf-response';
import { loadReportLetterPdf } from '@/lib/notifications/staff-files';

// The letter of a report's outcome, addressed to its reporter, for staff who may read contact data in its scope.
export async function GET(_request: Request, { params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const staff = await staffOrSignIn(`/gestion/signalements/${encodeURIComponent(reference)}`);
  const letter = await loadReportLetterPdf(staff, reference);
  if (!letter) return notFoundText('Ce courrier');
  return fileResponse(letter.pdf, 'application/pdf', letter.filename, 'inline');
}
