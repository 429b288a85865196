import { formatDate } from '@/lib/format';

export type NearbyReport = { reference: string; distanceM: number; createdAt: string; photoUrl: string | null };

// Open reports of the same category a few metres away: the resident may join one instead of filing it again.
export function DuplicateList({
  reports,
  radiusM,
  onFollow,
}: {
  reports: NearbyReport[];
  radiusM: number;
  onFollow: (reference: string) => void;
}) {
  if (reports.length === 0) return null;
  return (
    <section aria-labelledby="doublons-titre" className="rounded border border-amber-300 bg-amber-50 p-4">
      <h2 id="doublons-titre" className="font-semibold">
        Ce problème a peut-être déjà été signalé
      </h2>
      <p className="text-sm text-slate-700">
        {reports.length === 1 ? 'Un signalement ouvert' : `${reports.length} signalements ouverts`} de la même catégorie à moins
        de {radiusM} m :
      </p>
      <ul className="mt-3 space-y-3">
        {reports.map((report) => (
          <li key={report.reference} className="flex flex-wrap items-center gap-3">
            {report.photoUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- served by our own route, already resized
              <img src={report.photoUrl} alt="" className="size-16 rounded border object-cover" />
            ) : (
              <span
                aria-hidden
                className="flex size-16 items-center justify-center rounded border bg-white text-xs text-slate-500"
              >
                sans photo
              </span>
            )}
            <div className="min-w-40 flex-1 text-sm">
              <a href={`/suivi/${report.reference}`} target="_blank" rel="noopener" className="font-medium text-brand underline">
                {report.reference}
              </a>
              <p>
                à {report.distanceM} m, signalé le {formatDate(report.createdAt)}
              </p>
            </div>
            <button
              type="button"
              onClick={() => onFollow(report.reference)}
              className="rounded border border-brand bg-white px-3 py-2 text-sm font-medium text-brand hover:bg-blue-50"
            >
              C’est le même problème <span className="sr-only">que {report.reference}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
