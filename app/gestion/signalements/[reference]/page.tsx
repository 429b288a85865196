import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ModerationPanel } from '@/components/staff/moderation-panel';
import { PhotoRedaction } from '@/components/staff/photo-redaction';
import { ReportActions } from '@/components/staff/report-actions';
import { StaffReportView } from '@/components/staff/staff-report-view';
import { requireStaff } from '@/lib/auth';
import { isReference } from '@/lib/reports/reference-format';
import { loadStaffReportPage } from '@/lib/reports/staff-report';
import { getTerritoryOutlines } from '@/lib/territory/queries';

type Props = { params: Promise<{ reference: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Signalement ${(await params).reference}` };
}

export default async function StaffReportPage({ params }: Props) {
  const { reference } = await params;
  const staff = await requireStaff('reports.read', { returnTo: `/gestion/signalements/${encodeURIComponent(reference)}` });
  // Out of this person's reach, a report is « introuvable », exactly like one that does not exist.
  const page = isReference(reference) ? await loadStaffReportPage(staff, reference) : null;
  if (!page) notFound();
  const { outlines, bounds } = await getTerritoryOutlines();
  return (
    <div className="mx-auto grid w-full max-w-7xl gap-8 px-4 py-6 lg:grid-cols-[minmax(0,3fr)_minmax(320px,2fr)]">
      <div className="space-y-4">
        <Link href="/gestion" className="text-brand underline">
          ← Signalements
        </Link>
        <StaffReportView report={page.report} />
        {page.may.moderate && <PhotoRedaction report={page.report} />}
      </div>
      {/* One place for « Modérer »: moved once published, it would lose the answer it announces. */}
      <div className="space-y-6">
        <ReportActions {...page} outlines={outlines} bounds={bounds} />
        {page.may.moderate && <ModerationPanel report={page.report} />}
      </div>
    </div>
  );
}
