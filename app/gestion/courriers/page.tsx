import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionAnnouncer } from '@/components/staff/action-announcer';
import { ActionForm } from '@/components/staff/action-form';
import { requireStaff } from '@/lib/auth';
import { formatDate, formatDateTime } from '@/lib/format';
import { markBatchPostedAction, prepareBatchAction } from '@/lib/notifications/actions';
import { KIND_LABELS } from '@/lib/notifications/messages';
import { loadPrintQueues } from '@/lib/notifications/staff-files';

export const metadata: Metadata = { title: 'Courriers à imprimer' };

// The print queue of each pôle in reach: the letters waiting, « préparer le lot » (one PDF for window envelopes), and
// the batches, to download again and mark as posted.
export default async function PrintQueuePage() {
  const staff = await requireStaff('letters.print', { returnTo: '/gestion/courriers' });
  const queues = await loadPrintQueues(staff);
  return (
    <div className="mx-auto w-full max-w-4xl space-y-8 px-4 py-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Courriers à imprimer</h1>
        <p>
          Les usagers qui n’ont laissé qu’une adresse postale reçoivent la réponse par courrier. Préparez le lot du jour, imprimez
          le PDF (A4, une lettre par page ou plus, pour enveloppes à fenêtre DL), mettez sous pli, puis marquez le lot comme posté
          : l’historique de chaque signalement l’enregistre.
        </p>
      </div>
      {/* Preparing a batch or posting one takes its own form away: the answer is said above the queues. */}
      <ActionAnnouncer>
        {queues.map((pole) => (
          <section key={pole.id} aria-labelledby={`pole-${pole.id}`} className="space-y-4 rounded border border-slate-200 p-4">
            <h2 id={`pole-${pole.id}`} className="text-xl font-semibold">
              {pole.name}
            </h2>
            {pole.waiting.length === 0 ? (
              <p className="text-slate-700">Aucun courrier n’attend d’être imprimé.</p>
            ) : (
              <>
                <p>
                  <strong>
                    {pole.waiting.length} courrier{pole.waiting.length > 1 ? 's' : ''} en attente
                  </strong>{' '}
                  :
                </p>
                <ul className="list-disc pl-5">
                  {pole.waiting.map((letter) => (
                    <li key={letter.id}>
                      <Link href={`/gestion/signalements/${letter.reference}`} className="text-brand underline">
                        {letter.reference}
                      </Link>{' '}
                      — {KIND_LABELS[letter.kind].toLowerCase()}
                      {letter.isFollower ? ' (suiveur)' : ''}, depuis le {formatDateTime(letter.createdAt)}
                    </li>
                  ))}
                </ul>
                <ActionForm action={prepareBatchAction} hidden={{ poleId: pole.id }} submitLabel="Préparer le lot" />
              </>
            )}
            {pole.batches.length > 0 && (
              <div className="space-y-3">
                <h3 className="font-semibold">Lots préparés</h3>
                <ul className="space-y-3">
                  {pole.batches.map((batch) => (
                    <li key={batch.id} className="rounded bg-slate-50 p-3">
                      <p>
                        <strong>Lot n° {batch.id}</strong> — {batch.letterCount} courrier{batch.letterCount > 1 ? 's' : ''},
                        préparé le {formatDateTime(batch.createdAt)} par {batch.createdBy}.{' '}
                        {batch.postedAt ? (
                          <span className="font-medium text-green-800">
                            Posté le {formatDate(batch.postedAt)} par {batch.postedBy}.
                          </span>
                        ) : (
                          <span className="font-medium text-amber-800">Pas encore posté.</span>
                        )}
                      </p>
                      <p className="mt-1">
                        <a href={`/gestion/courriers/lots/${batch.id}`} className="text-brand underline">
                          Télécharger le lot n° {batch.id} (PDF)
                        </a>
                      </p>
                      {!batch.postedAt && (
                        <div className="mt-2">
                          <ActionForm
                            action={markBatchPostedAction}
                            hidden={{ batchId: batch.id }}
                            submitLabel={`Marquer le lot n° ${batch.id} comme posté`}
                            isSecondary
                          />
                        </div>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </section>
        ))}
      </ActionAnnouncer>
    </div>
  );
}
