import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReportDetails } from '@/components/reports/report-details';
import { isReference } from '@/lib/reports/reference';
import { getPublicReport } from '@/lib/reports/queries';

type Props = { params: Promise<{ reference: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Signalement ${(await params).reference}` };
}

export default async function PublicReportPage({ params }: Props) {
  const { reference } = await params;
  const report = isReference(reference) ? await getPublicReport(reference) : null;
  if (!report) notFound();
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-8">
      <ReportDetails report={report} />
    </div>
  );
}
