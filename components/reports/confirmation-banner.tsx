'use client';

import { useEffect, useRef, useState } from 'react';
import { formatDue } from '@/lib/format';

type Props = {
  reference: string;
  poleName: string;
  dueAt: Date | string;
  privateUrl: string;
  isFollowing?: boolean;
  /** An acknowledgement with the same link is on its way to the e-mail address given. */
  isEmailed?: boolean;
};

// Shown once the report is recorded: its reference, who handles it, by when, and the private link to keep.
export function ConfirmationBanner({ reference, poleName, dueAt, privateUrl, isFollowing = false, isEmailed = false }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="confirmation-titre" className="space-y-2 rounded border-2 border-green-600 bg-green-50 p-5">
      <h2 id="confirmation-titre" ref={heading} tabIndex={-1} className="text-xl font-bold text-green-900">
        {isFollowing ? 'Vous suivez ce signalement' : 'Merci, votre signalement est enregistré'}
      </h2>
      <p>
        Référence : <strong className="font-mono text-lg">{reference}</strong>
      </p>
      <p>
        Pris en charge par le <strong>{poleName}</strong>, traitement prévu au plus tard <strong>{formatDue(dueAt)}</strong>.
      </p>
      <p className="text-sm">
        Gardez ce lien privé : il permet de suivre le signalement, de le rouvrir s’il n’est pas résolu et d’effacer vos
        coordonnées. Ne le partagez pas.{isEmailed && ' Un courriel de confirmation vous l’envoie aussi.'}
      </p>
      <p className="rounded bg-white p-2 font-mono text-sm break-all">
        <a href={privateUrl} className="text-brand underline">
          {privateUrl}
        </a>
      </p>
      <CopyLinkButton url={privateUrl} />
    </section>
  );
}

// The link is long and must be kept: one press puts it in the clipboard, and a screen reader hears that it did.
function CopyLinkButton({ url }: { url: string }) {
  const [status, setStatus] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Lien copié dans le presse-papiers.');
    } catch {
      // No clipboard (an old browser, a page not served over HTTPS, a refusal): the link stays there to select.
      setStatus('La copie n’a pas fonctionné : sélectionnez le lien ci-dessus et copiez-le.');
    }
  }
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        onClick={copy}
        className="rounded border border-brand bg-white px-4 py-2 font-medium text-brand hover:bg-blue-50"
      >
        Copier le lien
      </button>
      <p role="status" className="text-sm font-medium text-green-900">
        {status}
      </p>
    </div>
  );
}
