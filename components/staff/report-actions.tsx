import { inputClass } from '@/components/ui/field';
import { formatDate } from '@/lib/format';
import {
  addCommentAction,
  addNoteAction,
  assignReportAction,
  moveReportAction,
  planReportAction,
  resolveReportAction,
  setSeverityAction,
  transferReportAction,
} from '@/lib/reports/staff-actions';
import { PHOTO_LIMITS, PHOTO_TYPES } from '@/lib/reports/photo-limits';
import { REJECTION_REASONS, STAFF_TEXT_MAX } from '@/lib/reports/staff-input';
import type { StaffReportPage } from '@/lib/reports/staff-report';
import type { Transition } from '@/lib/reports/states';
import { ActionAnnouncer } from './action-announcer';
import { ActionForm } from './action-form';
import { RelocateForm } from './relocate-form';

type Props = StaffReportPage & {
  outlines: React.ComponentProps<typeof RelocateForm>['outlines'];
  bounds: React.ComponentProps<typeof RelocateForm>['bounds'];
};

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {hint && <p className="text-sm text-slate-600">{hint}</p>}
      {children}
    </div>
  );
}

function MoveForm({ move, report }: { move: Transition; report: StaffReportPage['report'] }) {
  const hidden = { reference: report.reference, version: report.version, to: move.to };
  const id = (name: string) => `${move.to}-${name}`;
  switch (move.to) {
    case 'resolved':
      return (
        <ActionForm action={resolveReportAction} hidden={hidden} submitLabel="Résoudre" title="Résoudre le signalement">
          <Field id={id('text')} label="Solution apportée" hint="Ce texte est envoyé à l’usager et publié dans l’historique.">
            <textarea
              id={id('text')}
              name="text"
              rows={4}
              required
              maxLength={STAFF_TEXT_MAX}
              defaultValue={report.resolutionTemplate ?? ''}
              className={inputClass()}
            />
          </Field>
          <Field
            id={id('photos')}
            label="Photos après intervention (facultatif)"
            hint={`${PHOTO_LIMITS.maxCount} au plus, JPEG, PNG ou WebP de ${PHOTO_LIMITS.maxBytes / 1024 / 1024} Mo au plus : publiées sur la page du signalement et jointes à la réponse.`}
          >
            <input
              id={id('photos')}
              name="photos"
              type="file"
              multiple
              accept={PHOTO_TYPES.join(',')}
              className="mt-1 block w-full text-sm"
            />
          </Field>
        </ActionForm>
      );
    case 'rejected':
      return (
        <ActionForm action={moveReportAction} hidden={hidden} submitLabel="Rejeter" title="Rejeter le signalement" isSecondary>
          <Field id={id('rejection')} label="Motif">
            <select id={id('rejection')} name="rejection" required className={inputClass()}>
              <option value="">Choisir…</option>
              {Object.entries(REJECTION_REASONS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id={id('competentBody')}
            label="Organisme compétent"
            hint="Obligatoire si le signalement ne relève pas de la Métropole."
          >
            <input id={id('competentBody')} name="competentBody" maxLength={200} className={inputClass()} />
          </Field>
          <Field id={id('text')} label="Précisions pour l’usager (facultatif)">
            <textarea id={id('text')} name="text" rows={2} maxLength={STAFF_TEXT_MAX} className={inputClass()} />
          </Field>
        </ActionForm>
      );
    case 'duplicate':
      return (
        <ActionForm action={moveReportAction} hidden={hidden} submitLabel="Marquer comme doublon" title="Doublon" isSecondary>
          <Field
            id={id('original')}
            label="Référence du signalement d’origine"
            hint="Ses personnes suivront l’original et recevront sa réponse."
          >
            <input id={id('original')} name="originalReference" placeholder="PC-2026-000123" required className={inputClass()} />
          </Field>
        </ActionForm>
      );
    case 'reopened':
      return (
        <ActionForm action={moveReportAction} hidden={hidden} submitLabel="Rouvrir" title="Rouvrir" isSecondary>
          <Field id={id('text')} label="Raison de la réouverture">
            <textarea id={id('text')} name="text" rows={2} required maxLength={STAFF_TEXT_MAX} className={inputClass()} />
          </Field>
        </ActionForm>
      );
    default:
      return <ActionForm action={moveReportAction} hidden={hidden} submitLabel={move.label} />;
  }
}

// The commands this person may use on this report, and only those: the page shows no button a role cannot press.
export function ReportActions({ report, moves, assignees, poles, severities, may, outlines, bounds }: Props) {
  const target = { reference: report.reference, version: report.version };
  const isOpen = report.stateType === 'open';
  const quickMoves = moves.filter((m) => !m.needsReason && m.to !== 'duplicate');
  const otherMoves = moves.filter((m) => m.needsReason || m.to === 'duplicate');
  if (!may.triage && !may.transfer && !may.note) return null;
  return (
    <section aria-labelledby="actions-titre" className="space-y-5 rounded border border-slate-200 p-4">
      <h2 id="actions-titre" className="text-lg font-semibold">
        Traiter
      </h2>
      <ActionAnnouncer>
        {quickMoves.length > 0 && (
          <div className="flex flex-wrap gap-3">
            {quickMoves.map((move) => (
              <MoveForm key={move.to} move={move} report={report} />
            ))}
          </div>
        )}
        {may.triage && isOpen && (
          <div className="grid gap-4 sm:grid-cols-2">
            <ActionForm action={setSeverityAction} hidden={target} submitLabel="Changer la gravité" isSecondary>
              <Field id="severity" label="Gravité">
                <select id="severity" name="severity" defaultValue={report.severity} className={inputClass()}>
                  {severities.map((level) => (
                    <option key={level.key} value={level.key}>
                      {level.label}
                    </option>
                  ))}
                </select>
              </Field>
            </ActionForm>
            <ActionForm action={assignReportAction} hidden={target} submitLabel="Affecter" isSecondary>
              <Field id="assigneeUserId" label="Affecté à">
                <select
                  id="assigneeUserId"
                  name="assigneeUserId"
                  defaultValue={report.assigneeUserId ?? ''}
                  className={inputClass()}
                >
                  <option value="">Personne</option>
                  {assignees.map((person) => (
                    <option key={person.id} value={person.id}>
                      {person.name}
                    </option>
                  ))}
                </select>
              </Field>
            </ActionForm>
            <ActionForm action={planReportAction} hidden={target} submitLabel="Planifier" isSecondary>
              <Field
                id="plannedFor"
                label="Intervention prévue le"
                hint={report.plannedFor ? `Actuellement : ${formatDate(report.plannedFor)}` : undefined}
              >
                <input
                  id="plannedFor"
                  name="plannedFor"
                  type="date"
                  defaultValue={report.plannedFor ?? ''}
                  className={inputClass()}
                />
              </Field>
            </ActionForm>
          </div>
        )}
        {otherMoves.map((move) => (
          <MoveForm key={move.to} move={move} report={report} />
        ))}
        {may.transfer && isOpen && (
          <ActionForm
            action={transferReportAction}
            hidden={target}
            submitLabel="Transférer"
            title="Transférer à un autre pôle"
            isSecondary
          >
            <Field id="transfer-pole" label="Pôle">
              <select id="transfer-pole" name="poleId" required className={inputClass()}>
                <option value="">Choisir…</option>
                {poles
                  .filter((pole) => pole.id !== report.poleId)
                  .map((pole) => (
                    <option key={pole.id} value={pole.id}>
                      {pole.name}
                    </option>
                  ))}
              </select>
            </Field>
            <Field id="transfer-text" label="Motif (interne)">
              <input id="transfer-text" name="text" required maxLength={STAFF_TEXT_MAX} className={inputClass()} />
            </Field>
          </ActionForm>
        )}
        {may.triage && (
          <RelocateForm target={target} point={{ lon: report.lon, lat: report.lat }} outlines={outlines} bounds={bounds} />
        )}
        {may.triage && (
          <ActionForm
            action={addCommentAction}
            hidden={{ reference: report.reference }}
            submitLabel="Publier le message"
            title="Message public"
            isSecondary
          >
            <Field id="comment-text" label="Message" hint="Visible de tous dans l’historique du signalement, signé du pôle.">
              <textarea id="comment-text" name="text" rows={2} required maxLength={STAFF_TEXT_MAX} className={inputClass()} />
            </Field>
          </ActionForm>
        )}
        {may.note && (
          <ActionForm
            action={addNoteAction}
            hidden={{ reference: report.reference }}
            submitLabel="Ajouter la note"
            title="Note interne"
            isSecondary
          >
            <Field id="note-text" label="Note" hint="Visible des agents seulement.">
              <textarea id="note-text" name="text" rows={2} required maxLength={STAFF_TEXT_MAX} className={inputClass()} />
            </Field>
          </ActionForm>
        )}
      </ActionAnnouncer>
    </section>
  );
}
