import { ReportPlaceMapLoader } from '@/components/map/loaders';
import { CategoryBadge } from '@/components/ui/category-icon';
import { formatDateTime, formatDue } from '@/lib/format';
import { CHANNEL_LABELS } from '@/lib/reports/labels';
import type { PublicReportDetail } from '@/lib/reports/queries';
import { isOpen } from '@/lib/reports/states';
import { ReportTimeline } from './report-timeline';
import { publicPhotoUrl, ReportPhotos } from '@/components/reports/report-photos';

// The public face of a report: never a reporter's contact, a staff name or an internal note (see getPublicReport).
// On the reporter's private page (`photoUrl` through their link), what they sent, with where its check stands.
export function ReportDetails({
  report,
  photoUrl = publicPhotoUrl(report.reference),
  isReporterView = false,
}: {
  report: PublicReportDetail;
  photoUrl?: (position: number) => string;
  isReporterView?: boolean;
}) {
  return (
    <article className="space-y-6">
      <header className="flex flex-wrap items-center gap-4">
        <CategoryBadge icon={report.categoryIcon} color={report.categoryColor} size="lg" />
        <div>
          <h1 className="text-2xl font-bold">
            Signalement <span className="whitespace-nowrap">{report.reference}</span>
          </h1>
          <p className="text-slate-700">{report.categoryName}</p>
        </div>
        {/* Written out, as on the staff page: a <p> may not carry an aria-label (axe: aria-prohibited-attr). */}
        <p className="ml-auto rounded-full bg-slate-100 px-3 py-1 font-semibold">État : {report.stateLabel}</p>
      </header>

      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
        <Item label="Commune">{report.communeName}</Item>
        <Item label="Pris en charge par">{report.poleName}</Item>
        <Item label="Signalé le">
          {formatDateTime(report.createdAt)} (par {CHANNEL_LABELS[report.channel]})
        </Item>
        <Item label="Signalé par">{report.reporterCount === 1 ? '1 personne' : `${report.reporterCount} personnes`}</Item>
        {report.address && <Item label="Lieu">{report.address}</Item>}
        {isOpen({ type: report.stateType }) ? (
          <Item label="Traitement prévu au plus tard">
            {formatDue(report.dueAt)}
            {report.isOverdue && <span className="ml-2 font-semibold text-amber-800">(en retard)</span>}
          </Item>
        ) : (
          report.resolvedAt && <Item label="Résolu le">{formatDateTime(report.resolvedAt)}</Item>
        )}
      </dl>
      {report.isLocationToConfirm ? (
        <p className="text-sm text-slate-600">L’emplacement exact sera confirmé par un agent.</p>
      ) : (
        <ReportPlaceMapLoader
          lon={report.lon}
          lat={report.lat}
          label={`Plan du lieu du signalement, ${report.address ?? report.communeName}`}
        />
      )}

      <section aria-labelledby="description-titre">
        <h2 id="description-titre" className="text-lg font-semibold">
          Description
        </h2>
        {report.description === null ? (
          <p className="mt-1 text-slate-700">
            La description et les photos sont en cours de vérification par le service avant d’être publiées.
          </p>
        ) : (
          <p className="mt-1 whitespace-pre-line">{report.description}</p>
        )}
        {isReporterView && <ModerationNotice report={report} />}
      </section>

      <ReportPhotos photos={report.photos} photoUrl={photoUrl} />
      <ReportTimeline events={report.timeline} />
    </article>
  );
}

function ModerationNotice({ report }: { report: PublicReportDetail }) {
  const text = report.isHidden
    ? 'Ce signalement n’est pas visible du public ; le service le traite comme les autres.'
    : report.isAwaitingModeration
      ? 'Vous seul voyez ce texte et ces photos : le service les vérifie avant de les publier (aucune donnée personnelle, aucun visage ni plaque).'
      : 'Le texte et les photos publiés ont été vérifiés par le service, qui a pu les corriger ou en masquer une partie.';
  return <p className="mt-2 rounded bg-slate-50 p-3 text-sm text-slate-700">{text}</p>;
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}
