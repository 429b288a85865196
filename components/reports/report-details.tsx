import { ReportPlaceMapLoader } from '@/components/map/loaders';
import { CategoryBadge } from '@/components/ui/category-icon';
import { formatDateTime, formatDue } from '@/lib/format';
import { CHANNEL_LABELS } from '@/lib/reports/labels';
import type { PublicReportDetail } from '@/lib/reports/queries';
import { isOpen } from '@/lib/reports/states';
import { ReportTimeline } from './report-timeline';
import { ReportPhotos } from '@/components/reports/report-photos';

// The public face of a report: never a reporter's contact, a staff name or an internal note (see getPublicReport).
export function ReportDetails({ report }: { report: PublicReportDetail }) {
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
        <p className="mt-1 whitespace-pre-line">{report.description}</p>
      </section>

      <ReportPhotos reference={report.reference} photos={report.photos} />
      <ReportTimeline events={report.timeline} />
    </article>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}
