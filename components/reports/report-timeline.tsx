import type { EventKind } from '@/lib/reports/events';
import { formatDateTime } from '@/lib/format';
import type { TimelineEntry } from '@/lib/reports/timeline';

// Typed by kind: a new kind of event does not compile until it has its words here.
const KIND_LABELS: Record<EventKind, string> = {
  created: 'Signalement reçu',
  state_changed: 'Changement d’état',
  reopened: 'Rouvert : pas résolu selon un usager',
  severity_changed: 'Gravité modifiée',
  assigned: 'Affectation',
  planned: 'Intervention planifiée',
  transferred: 'Transmis à un autre pôle',
  relocated: 'Emplacement corrigé',
  duplicate_linked: 'Signalement identique rattaché',
  follower_added: 'Une autre personne a signalé le même problème',
  note: 'Note interne',
  comment: 'Message du pôle',
  contact_erased: 'Coordonnées effacées',
  letter_posted: 'Courrier posté',
  published: 'Description et photos publiées',
  public_text_edited: 'Texte public modifié',
  photo_hidden: 'Photo masquée au public',
  photo_redacted: 'Photo floutée en partie',
  report_hidden: 'Signalement masqué au public',
  report_shown: 'Signalement de nouveau public',
  sender_marked: 'Expéditeur signalé pour abus',
};

/** The history of a report; `isStaffView` adds who acted and marks the entries residents do not see. */
export function ReportTimeline({ events, isStaffView = false }: { events: TimelineEntry[]; isStaffView?: boolean }) {
  return (
    <section aria-labelledby="historique-titre">
      <h2 id="historique-titre" className="text-lg font-semibold">
        Historique
      </h2>
      <ol className="mt-3 space-y-4 border-l-2 border-slate-200 pl-5">
        {events.map((event) => (
          <li key={event.id} className="relative">
            <span
              aria-hidden
              className={`absolute top-1.5 -left-[27px] size-3 rounded-full ${event.isPublic ? 'bg-brand' : 'bg-amber-500'}`}
            />
            <p className="text-sm text-slate-600">
              <time dateTime={event.at.toISOString()}>{formatDateTime(event.at)}</time> · {event.actorLabel}
              {isStaffView && (
                <span
                  className={`ml-2 rounded px-1.5 py-0.5 text-xs font-medium ${event.isPublic ? 'bg-sky-100 text-sky-900' : 'bg-amber-100 text-amber-900'}`}
                >
                  {event.isPublic ? 'Public' : 'Interne'}
                </span>
              )}
            </p>
            <p className="font-medium">
              {KIND_LABELS[event.kind]}
              {event.stateLabel && event.kind !== 'created' && ` : ${event.stateLabel}`}
            </p>
            {event.message && <p className="whitespace-pre-line text-slate-800">{event.message}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
