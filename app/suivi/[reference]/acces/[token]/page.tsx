import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ConfirmationBanner } from '@/components/reports/confirmation-banner';
import { EraseContactForm, ReopenForm } from '@/components/reports/private-actions';
import { ReportDetails } from '@/components/reports/report-details';
import { isReference } from '@/lib/reports/reference';
import { findAccess, getPublicReport } from '@/lib/reports/queries';
import { canResidentReopen } from '@/lib/reports/states';
import { siteOrigin } from '@/lib/site-url';

type Props = {
  params: Promise<{ reference: string; token: string }>;
  searchParams: Promise<{ nouveau?: string; suivi?: string }>;
};

// The private follow-up page: whoever holds the link may reopen the report or erase their contact data.
export const metadata: Metadata = { title: 'Mon signalement', robots: { index: false, follow: false } };

export default async function PrivateReportPage({ params, searchParams }: Props) {
  const { reference, token } = await params;
  const { nouveau, suivi } = await searchParams;
  if (!isReference(reference)) notFound();
  // Next hands the segment decoded once; a token still holding a broken escape (« %E0 ») is no token.
  const decoded = safeDecode(token);
  if (decoded === null) notFound();
  const access = await findAccess(reference, decoded);
  const report = access && (await getPublicReport(reference, { isReporter: access.kind === 'reporter' }));
  if (!access || !report) notFound();
  // The reporter's photos through their own link (before moderation too); a follower sees the public ones.
  const photoUrl =
    access.kind === 'reporter'
      ? (position: number) => `/suivi/${reference}/acces/${encodeURIComponent(decoded)}/photos/${position}`
      : undefined;
  const privateUrl = `${await siteOrigin()}/suivi/${reference}/acces/${token}`;
  return (
    <div className="mx-auto w-full max-w-3xl space-y-8 px-4 py-8">
      {(nouveau || suivi) && (
        <ConfirmationBanner
          reference={reference}
          poleName={report.poleName}
          dueAt={report.dueAt}
          privateUrl={privateUrl}
          isFollowing={Boolean(suivi)}
        />
      )}
      <ReportDetails report={report} photoUrl={photoUrl} isReporterView={access.kind === 'reporter'} />
      {canResidentReopen(report) && <ReopenForm reference={reference} token={decodeURIComponent(token)} />}
      <EraseContactForm reference={reference} token={decodeURIComponent(token)} />
      <p>
        <Link href={`/suivi/${reference}`} className="text-brand underline">
          Page publique du signalement
        </Link>
      </p>
    </div>
  );
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
