import Link from 'next/link';
import { ReportTimeline } from '@/components/reports/report-timeline';
import { CategoryBadge } from '@/components/ui/category-icon';
import { formatDate, formatDateTime, formatDue } from '@/lib/format';
import { CHANNEL_LABELS, SEVERITY_SHORT_LABELS } from '@/lib/reports/labels';
import type { StaffReportPage } from '@/lib/reports/staff-report';
import { ReportPhotos } from '@/components/reports/report-photos';
import { publicationStatus } from './moderation-panel';
import { ReportMessages } from './report-messages';

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

// A report as staff see it: everything, the reporter's contact only for roles allowed to read it.
export function StaffReportView({ report }: { report: StaffReportPage['report'] }) {
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
        <p className="ml-auto rounded-full bg-slate-100 px-3 py-1 font-semibold">État : {report.stateLabel}</p>
      </header>
      <section aria-label="Ce que l’usager a écrit" className="space-y-2">
        <p className="whitespace-pre-line rounded border border-slate-200 bg-slate-50 p-3">{report.description}</p>
        {report.publicDescription && (
          <p className="text-sm">
            <span className="font-medium">Texte publié à la place :</span>{' '}
            <span className="whitespace-pre-line">{report.publicDescription}</span>
          </p>
        )}
        <p className={report.publishedAt && !report.hiddenAt ? 'text-sm text-slate-700' : 'text-sm font-medium text-violet-900'}>
          {publicationStatus(report)}.
        </p>
      </section>
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
        <Item label="Lieu">
          {report.address && !report.address.includes(report.communeName)
            ? `${report.address}, ${report.communeName}`
            : (report.address ?? report.communeName)}
          {report.isLocationToConfirm && <strong className="block text-amber-800">Emplacement à confirmer</strong>}
          {report.isNearBorder && (
            <strong className="block text-amber-800">Proche d’une limite de commune : vérifiez le pôle</strong>
          )}
        </Item>
        <Item label="Pôle">{report.poleName}</Item>
        <Item label="Reçu le">
          {formatDateTime(report.createdAt)} ({CHANNEL_LABELS[report.channel]})
        </Item>
        <Item label="Gravité et échéance">
          {SEVERITY_SHORT_LABELS[report.severity]} —{' '}
          {report.stateType === 'open' ? `au plus tard ${formatDue(report.dueAt)}` : 'clos'}
          {report.isOverdue && <strong className="ml-2 text-red-800">en retard</strong>}
        </Item>
        {report.plannedFor && <Item label="Intervention prévue le">{formatDate(report.plannedFor)}</Item>}
        {report.duplicateOfReference && (
          <Item label="Doublon de">
            <Link href={`/gestion/signalements/${report.duplicateOfReference}`} className="text-brand underline">
              {report.duplicateOfReference}
            </Link>
          </Item>
        )}
        {report.duplicates.length > 0 && (
          <Item label="Doublons rattachés">
            {report.duplicates.map((d) => (
              <Link key={d.reference} href={`/gestion/signalements/${d.reference}`} className="mr-2 text-brand underline">
                {d.reference}
              </Link>
            ))}
          </Item>
        )}
        {report.outcome && <Item label="Réponse donnée">{report.outcome}</Item>}
      </dl>
      <section aria-labelledby="contact-titre" className="rounded border border-slate-200 p-4">
        <h2 id="contact-titre" className="text-lg font-semibold">
          Usager
          {report.followers.length > 0 &&
            ` et ${report.followers.length} personne${report.followers.length > 1 ? 's' : ''} qui suivent`}
        </h2>
        {!report.mayReadContact ? (
          <p className="text-slate-700">Les coordonnées des usagers ne sont pas visibles avec votre rôle.</p>
        ) : report.contact && Object.values(report.contact).some(Boolean) ? (
          <dl className="mt-2 grid gap-x-6 gap-y-2 sm:grid-cols-2">
            {report.contact.name && <Item label="Nom">{report.contact.name}</Item>}
            {report.contact.email && <Item label="E-mail">{report.contact.email}</Item>}
            {report.contact.phone && <Item label="Téléphone">{report.contact.phone}</Item>}
            {report.contact.postalAddress && (
              <Item label="Adresse postale">
                <span className="whitespace-pre-line">{report.contact.postalAddress}</span>
              </Item>
            )}
          </dl>
        ) : (
          <p className="text-slate-700">{report.wantsNoReply ? 'L’usager ne souhaite pas de réponse.' : 'Aucune coordonnée.'}</p>
        )}
      </section>
      <ReportMessages report={report} />
      <ReportPhotos
        photos={report.photos}
        photoUrl={(n) => `/gestion/signalements/${report.reference}/photos/${n}?v=${report.version}`}
        noteOf={(photo) => photoNote(report.photos.find((p) => p.position === photo.position))}
      />
      <ReportTimeline events={report.timeline} isStaffView />
    </article>
  );
}

function photoNote(photo: StaffReportPage['report']['photos'][number] | undefined): string | null {
  if (!photo) return null;
  const notes = [photo.hiddenAt && 'Masquée au public', photo.redactedAt && 'Floutée en partie'].filter(Boolean);
  return notes.length > 0 ? notes.join(' · ') : null;
}
