import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireStaff } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { KIND_LABELS } from '@/lib/notifications/messages';
import { loadMailView } from '@/lib/notifications/staff-files';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Courriel n° ${(await params).id}` };
}

// One e-mail as the file mailer wrote it: what the resident would have received.
export default async function MailPage({ params }: Props) {
  const { id } = await params;
  const staff = await requireStaff('notifications.manage', { returnTo: `/gestion/courriels/${encodeURIComponent(id)}` });
  const mail = await loadMailView(staff, id);
  if (!mail) notFound();
  return (
    <div className="mx-auto w-full max-w-3xl space-y-4 px-4 py-6">
      <Link href="/gestion/courriels" className="text-brand underline">
        ← Courriels
      </Link>
      <h1 className="text-2xl font-bold">{mail.subject ?? `Courriel n° ${mail.id}`}</h1>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium text-slate-600">Type</dt>
        <dd>{KIND_LABELS[mail.kind]}</dd>
        <dt className="font-medium text-slate-600">Signalement</dt>
        <dd>
          <Link href={`/gestion/signalements/${mail.reference}`} className="text-brand underline">
            {mail.reference}
          </Link>
        </dd>
        <dt className="font-medium text-slate-600">À</dt>
        <dd>{mail.to}</dd>
        {mail.date && (
          <>
            <dt className="font-medium text-slate-600">Date</dt>
            <dd>{formatDateTime(mail.date)}</dd>
          </>
        )}
        <dt className="font-medium text-slate-600">Pièces jointes</dt>
        <dd>
          {mail.attachments.length === 0 ? (
            'aucune'
          ) : (
            <ul>
              {mail.attachments.map((a, n) => (
                <li key={n}>
                  {a.contentType === 'application/pdf' ? (
                    <a href={`/gestion/courriels/${mail.id}/piece-jointe/${n}`} className="text-brand underline">
                      {a.filename}
                    </a>
                  ) : (
                    a.filename
                  )}{' '}
                  ({Math.ceil(a.size / 1024)} Ko)
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <pre className="rounded border border-slate-200 bg-slate-50 p-4 font-sans whitespace-pre-wrap">{mail.text}</pre>
      <p>
        <a href={`/gestion/courriels/${mail.id}/eml`} className="text-brand underline">
          Télécharger le fichier .eml (à ouvrir dans une messagerie)
        </a>
      </p>
    </div>
  );
}
