import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionAnnouncer } from '@/components/staff/action-announcer';
import { ActionForm } from '@/components/staff/action-form';
import { requireStaff } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { retryMailsAction } from '@/lib/notifications/actions';
import { STATUS_LABELS } from '@/lib/notifications/mail-log';
import { KIND_LABELS } from '@/lib/notifications/messages';
import { loadMailLog } from '@/lib/notifications/staff-files';
import { NOTIFICATION_STATUSES } from '@/db/schema';
import { cn } from '@/lib/cn';

export const metadata: Metadata = { title: 'Courriels' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// The administrator's view of the e-mails: sent, waiting, failed (to send again), and in the embedded setup the
// messages themselves, written as files instead of leaving.
export default async function MailLogPage({ searchParams }: Props) {
  const staff = await requireStaff('notifications.manage', { returnTo: '/gestion/courriels' });
  const log = await loadMailLog(staff, await searchParams);
  if (!log) notFound();
  const filterHref = (status: string | null) => (status ? `/gestion/courriels?etat=${status}` : '/gestion/courriels');
  return (
    <div className="mx-auto w-full max-w-6xl space-y-6 px-4 py-6">
      <h1 className="text-2xl font-bold">Courriels</h1>
      {log.isFileMailer && (
        <p className="rounded border border-amber-300 bg-amber-50 p-3">
          Aucun serveur d’envoi n’est configuré (<code>SMTP_URL</code>) : les courriels ne partent pas, ils sont écrits dans le
          dossier <code>{log.dir}</code>. Ouvrez-les ici pour voir ce que les usagers recevraient.
        </p>
      )}
      <nav aria-label="Filtrer par état">
        <ul className="flex flex-wrap gap-2">
          {[null, ...NOTIFICATION_STATUSES].map((status) => (
            <li key={status ?? 'tous'}>
              <Link
                href={filterHref(status)}
                aria-current={log.filter.status === status ? 'page' : undefined}
                className={cn(
                  'rounded-full border px-3 py-1',
                  log.filter.status === status ? 'border-brand bg-brand text-white' : 'border-slate-300',
                )}
              >
                {status ? STATUS_LABELS[status] : 'Tous'}
                {status === 'failed' && log.failed > 0 ? ` (${log.failed})` : ''}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {/* Sending again takes the failed rows (and their forms) away: the answer is said here. */}
      <ActionAnnouncer>
        {log.failed > 0 && (
          <ActionForm
            action={retryMailsAction}
            hidden={{ id: 'tous' }}
            submitLabel={log.failed > 1 ? `Renvoyer les ${log.failed} courriels en échec` : 'Renvoyer le courriel en échec'}
          />
        )}
        {log.rows.length === 0 ? (
          <p>Aucun courriel.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Courriels, du plus récent au plus ancien</caption>
              <thead className="border-b border-slate-300">
                <tr>
                  <th scope="col" className="py-2 pr-3">
                    N°
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Créé le
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Type
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Signalement
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    État
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Objet
                  </th>
                  <th scope="col" className="py-2">
                    Actions
                  </th>
                </tr>
              </thead>
              <tbody>
                {log.rows.map((mail) => (
                  <tr key={mail.id} className="border-b border-slate-100 align-top">
                    <td className="py-2 pr-3">{mail.id}</td>
                    <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(mail.createdAt)}</td>
                    <td className="py-2 pr-3">{KIND_LABELS[mail.kind]}</td>
                    <td className="py-2 pr-3 whitespace-nowrap">
                      <Link href={`/gestion/signalements/${mail.reference}`} className="text-brand underline">
                        {mail.reference}
                      </Link>
                    </td>
                    <td className="py-2 pr-3">
                      <span className={mail.status === 'failed' ? 'font-semibold text-red-800' : undefined}>
                        {STATUS_LABELS[mail.status]}
                      </span>
                      {mail.sentAt && <span className="block text-slate-600">{formatDateTime(mail.sentAt)}</span>}
                      {mail.status === 'pending' && mail.attempts > 0 && (
                        <span className="block text-slate-600">
                          {mail.attempts} essai{mail.attempts > 1 ? 's' : ''}, prochain {formatDateTime(mail.nextAttemptAt)}
                        </span>
                      )}
                      {mail.lastError && mail.status !== 'sent' && <span className="block text-slate-600">{mail.lastError}</span>}
                    </td>
                    <td className="py-2 pr-3">{mail.subject ?? '—'}</td>
                    <td className="py-2">
                      {log.files.has(mail.id) && (
                        <Link href={`/gestion/courriels/${mail.id}`} className="text-brand underline">
                          Lire le courriel n° {mail.id}
                        </Link>
                      )}
                      {mail.status === 'failed' && (
                        <ActionForm
                          action={retryMailsAction}
                          hidden={{ id: mail.id }}
                          submitLabel={`Renvoyer le n° ${mail.id}`}
                          isSecondary
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ActionAnnouncer>
      {log.next && (
        <p>
          <Link
            href={`/gestion/courriels?${new URLSearchParams({ ...(log.filter.status ? { etat: log.filter.status } : {}), avant: String(log.next) })}`}
            className="text-brand underline"
          >
            Courriels plus anciens
          </Link>
        </p>
      )}
    </div>
  );
}
