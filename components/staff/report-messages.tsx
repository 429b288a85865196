import { formatDateTime } from '@/lib/format';
import { KIND_LABELS } from '@/lib/notifications/messages';
import type { StaffReportPage } from '@/lib/reports/staff-report';

const STATUS: Record<string, string> = {
  pending: 'en attente',
  sending: 'en cours d’envoi',
  sent: 'envoyé',
  failed: 'en échec',
  cancelled: 'annulé',
};

// What the people of a report were told, and how: e-mails and letters, with their state. No address is shown here:
// the contact block above says who they are, for roles allowed to read it.
export function ReportMessages({ report }: { report: StaffReportPage['report'] }) {
  const hasOutcome = report.stateType !== 'open' && report.outcome;
  const outcomeMessages = report.messages.filter((m) => m.kind === 'resolution' || m.kind === 'rejection');
  return (
    <section aria-labelledby="messages-titre" className="rounded border border-slate-200 p-4">
      <h2 id="messages-titre" className="text-lg font-semibold">
        Courriels et courriers
      </h2>
      {report.messages.length === 0 ? (
        <p className="text-slate-700">Aucun message envoyé pour ce signalement.</p>
      ) : (
        <ul className="mt-2 space-y-1">
          {report.messages.map((m) => (
            <li key={m.id}>
              <span className="font-medium">{KIND_LABELS[m.kind]}</span> —{' '}
              {m.channel === 'email' ? 'courriel' : 'courrier postal'} au{' '}
              {m.isFollower ? 'suiveur' : m.isDuplicateReporter ? 'déclarant d’un doublon' : 'déclarant'} :{' '}
              <span className={m.status === 'failed' ? 'font-semibold text-red-800' : undefined}>{STATUS[m.status]}</span>
              {m.channel === 'post' && m.status === 'pending' && (m.batchId ? ` (lot n° ${m.batchId})` : ' (file d’impression)')}
              {m.sentAt && <> le {formatDateTime(m.sentAt)}</>}
              {m.lastError && m.status !== 'sent' && <span className="text-slate-600"> — {m.lastError}</span>}
            </li>
          ))}
        </ul>
      )}
      {hasOutcome && outcomeMessages.length === 0 && (
        <p className="mt-2 text-slate-700">
          Aucun courrier ni courriel de réponse :{' '}
          {report.wantsNoReply
            ? 'l’usager ne souhaite pas de réponse.'
            : 'personne n’a laissé d’adresse e-mail ni d’adresse postale.'}
        </p>
      )}
      {hasOutcome && report.mayReadContact && (
        <p className="mt-3">
          <a href={`/gestion/signalements/${report.reference}/courrier`} className="text-brand underline">
            Aperçu du courrier de réponse (PDF)
          </a>
        </p>
      )}
    </section>
  );
}
