import type { PublicReport } from '@/lib/reports/queries';

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Paris' });

export function ConfirmationBanner({
  report,
  privateUrl,
  isFollowing,
}: {
  report: PublicReport;
  privateUrl: string;
  isFollowing: boolean;
}) {
  return (
    <section
      role="status"
      aria-labelledby="confirmation-titre"
      className="space-y-2 rounded border-2 border-green-600 bg-green-50 p-5"
    >
      <h2 id="confirmation-titre" className="text-xl font-bold text-green-900">
        {isFollowing ? 'Vous suivez ce signalement' : 'Merci, votre signalement est enregistré'}
      </h2>
      <p>
        Référence : <strong className="font-mono text-lg">{report.reference}</strong>
      </p>
      <p>
        Pris en charge par le <strong>{report.poleName}</strong>, traitement prévu avant le{' '}
        <strong>{dateTime.format(report.dueAt)}</strong>.
      </p>
      <p className="text-sm">
        Gardez ce lien privé : il permet de suivre le signalement, de le rouvrir s’il n’est pas résolu et d’effacer vos
        coordonnées. Ne le partagez pas.
      </p>
      <p className="break-all rounded bg-white p-2 font-mono text-sm">
        <a href={privateUrl} className="text-brand underline">
          {privateUrl}
        </a>
      </p>
    </section>
  );
}
