import { inputClass } from '@/components/ui/field';
import { formatDateTime } from '@/lib/format';
import {
  editPublicTextAction,
  hidePhotoAction,
  hideReportAction,
  markSenderAction,
  publishReportAction,
  showReportAction,
} from '@/lib/reports/moderation-actions';
import { STAFF_TEXT_MAX } from '@/lib/reports/staff-input';
import type { StaffReportPage } from '@/lib/reports/staff-report';
import { ActionAnnouncer } from './action-announcer';
import { ActionForm } from './action-form';

type Report = StaffReportPage['report'];

/** Where a report stands with the public: hidden, waiting for a check, or published (and when). */
export function publicationStatus(report: Pick<Report, 'hiddenAt' | 'publishedAt'>): string {
  if (report.hiddenAt) return `Masqué au public depuis le ${formatDateTime(report.hiddenAt)}`;
  if (!report.publishedAt) return 'Description et photos en attente de vérification : le public ne les voit pas';
  return `Description et photos publiées le ${formatDateTime(report.publishedAt)}`;
}

// What a moderator decides about what the resident wrote and photographed: publish it, correct the public text, hide a
// photo or the whole report, mark the sender. The original stays, staff-only; every decision is in the history.
export function ModerationPanel({ report }: { report: Report }) {
  const target = { reference: report.reference, version: report.version };
  const residentPhotos = report.photos.filter((photo) => photo.kind === 'resident');
  return (
    <section aria-labelledby="moderation-titre" className="space-y-5 rounded border border-violet-200 p-4">
      <h2 id="moderation-titre" className="text-lg font-semibold">
        Modérer
      </h2>
      <p className="text-sm text-slate-700">{publicationStatus(report)}.</p>
      <ActionAnnouncer>
        {!report.publishedAt && !report.hiddenAt && (
          <ActionForm action={publishReportAction} hidden={target} submitLabel="Publier la description et les photos">
            <p className="text-sm text-slate-700">
              Vérifiez d’abord : aucun nom, numéro de téléphone, visage ou plaque d’immatriculation.
            </p>
          </ActionForm>
        )}
        <ActionForm action={editPublicTextAction} hidden={target} submitLabel="Enregistrer le texte public" isSecondary>
          <label htmlFor="public-text" className="block text-sm font-medium">
            Texte public
          </label>
          <p id="public-text-aide" className="text-sm text-slate-600">
            Ce que le public lit ; le texte de l’usager reste visible des agents seulement.
          </p>
          <textarea
            id="public-text"
            name="text"
            rows={4}
            required
            maxLength={STAFF_TEXT_MAX}
            aria-describedby="public-text-aide"
            defaultValue={report.publicDescription ?? report.description}
            className={inputClass()}
          />
        </ActionForm>
        {residentPhotos.some((photo) => !photo.hiddenAt) && (
          <div className="space-y-2">
            <h3 className="font-semibold">Photos de l’usager</h3>
            <ul className="flex flex-wrap gap-3">
              {residentPhotos
                .filter((photo) => !photo.hiddenAt)
                .map((photo) => (
                  <li key={photo.position}>
                    <ActionForm
                      action={hidePhotoAction}
                      hidden={{ ...target, position: photo.position }}
                      submitLabel={`Masquer la photo ${photo.position + 1}`}
                      isSecondary
                    />
                  </li>
                ))}
            </ul>
          </div>
        )}
        {report.hiddenAt ? (
          <ActionForm action={showReportAction} hidden={target} submitLabel="Rendre de nouveau public" isSecondary />
        ) : (
          <ActionForm action={hideReportAction} hidden={target} submitLabel="Masquer au public" isSecondary>
            <label htmlFor="hide-text" className="block text-sm font-medium">
              Raison (pour les agents)
            </label>
            <textarea id="hide-text" name="text" rows={2} required maxLength={STAFF_TEXT_MAX} className={inputClass()} />
          </ActionForm>
        )}
        {report.senderKeyCount > 0 && (
          <ActionForm action={markSenderAction} hidden={target} submitLabel="Enregistrer" title="Expéditeur abusif" isSecondary>
            <label htmlFor="sender-mark" className="block text-sm font-medium">
              Ses prochains signalements en ligne
            </label>
            <select id="sender-mark" name="mark" defaultValue="moderate" className={inputClass()}>
              <option value="moderate">Attendront toujours une vérification</option>
              <option value="refuse">Seront refusés (message neutre)</option>
              <option value="none">Seront traités comme les autres</option>
            </select>
            <label htmlFor="sender-text" className="block text-sm font-medium">
              Raison (pour les agents)
            </label>
            <textarea id="sender-text" name="text" rows={2} required maxLength={STAFF_TEXT_MAX} className={inputClass()} />
          </ActionForm>
        )}
      </ActionAnnouncer>
    </section>
  );
}
