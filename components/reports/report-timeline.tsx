import { formatDateTime } from '@/lib/format';
import type { PublicReportDetail } from '@/lib/reports/queries';

const KIND_LABELS: Record<string, string> = {
  created: 'Signalement reçu',
  state_changed: 'Changement d’état',
  reopened: 'Rouvert par un usager',
  note: 'Information',
  transferred: 'Transmis à un autre pôle',
  assigned: 'Pris en charge',
  contact_erased: 'Coordonnées effacées',
};

export function ReportTimeline({ events }: { events: PublicReportDetail['timeline'] }) {
  return (
    <section aria-labelledby="historique-titre">
      <h2 id="historique-titre" className="text-lg font-semibold">
        Historique
      </h2>
      <ol className="mt-3 space-y-4 border-l-2 border-slate-200 pl-5">
        {events.map((event) => (
          <li key={event.id} className="relative">
            <span aria-hidden className="absolute top-1.5 -left-[27px] size-3 rounded-full bg-brand" />
            <p className="text-sm text-slate-600">
              <time dateTime={event.at.toISOString()}>{formatDateTime(event.at)}</time>
            </p>
            <p className="font-medium">
              {KIND_LABELS[event.kind] ?? 'Mise à jour'}
              {event.stateLabel && event.kind !== 'created' && ` : ${event.stateLabel}`}
            </p>
            {event.message && <p className="whitespace-pre-line text-slate-800">{event.message}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
