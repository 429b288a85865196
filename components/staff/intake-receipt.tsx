import { formatDue } from '@/lib/format';
import type { IntakeReceipt as Receipt } from '@/lib/reports/staff-actions';

// Read back over the phone (the reference, large), or printed at the counter on one page (A5 or A4): what was
// reported, who handles it, by when, and how to follow it.
export function IntakeReceipt({ receipt, channel }: { receipt: Receipt; channel: 'phone' | 'counter' }) {
  return (
    <section
      aria-labelledby="recu-titre"
      className="space-y-4 rounded border-2 border-green-700 bg-green-50 p-5 print:border-0 print:bg-white print:p-0"
    >
      <h2 id="recu-titre" className="text-lg font-semibold" tabIndex={-1}>
        Signalement enregistré
      </h2>
      <p>
        Référence à communiquer :{' '}
        <strong
          className="block font-mono text-4xl tracking-wider"
          aria-label={`Référence ${receipt.reference.split('').join(' ')}`}
        >
          {receipt.reference}
        </strong>
      </p>
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-2">
        <div>
          <dt className="text-sm font-medium text-slate-600">Problème</dt>
          <dd>
            {receipt.categoryName} — {receipt.description}
          </dd>
        </div>
        <div>
          <dt className="text-sm font-medium text-slate-600">Lieu</dt>
          <dd>{receipt.place}</dd>
        </div>
        <div>
          <dt className="text-sm font-medium text-slate-600">Traité par</dt>
          <dd>{receipt.poleName}</dd>
        </div>
        <div>
          <dt className="text-sm font-medium text-slate-600">Traitement prévu au plus tard</dt>
          <dd>{formatDue(receipt.dueAt)}</dd>
        </div>
      </dl>
      <div className="space-y-1 text-sm">
        <p>
          Suivre le signalement : <span className="font-medium break-all">{receipt.publicUrl}</span> (ou « Suivre un signalement »
          sur le site, avec la référence).
        </p>
        <p>
          Lien de suivi privé (pour dire que le problème n’est pas résolu, ou effacer ses coordonnées) : à garder pour soi.{' '}
          <span className="font-medium break-all">{receipt.privateUrl}</span>
        </p>
        {receipt.isEmailed && <p>Un courriel de confirmation avec ces liens part à l’adresse e-mail indiquée.</p>}
      </div>
      {channel === 'counter' && (
        <p className="print:hidden">
          <PrintButton />
        </p>
      )}
    </section>
  );
}

function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded border border-brand bg-white px-4 py-2 font-semibold text-brand hover:bg-blue-50"
    >
      Imprimer le récépissé
    </button>
  );
}
