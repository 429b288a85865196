import { formatDate, formatDue } from '@/lib/format';
import { REOPEN_WINDOW_DAYS } from '@/lib/reports/states';
import { SERVICE_PHONE } from '@/lib/service';
import type { NotificationKind } from '@/db/schema';
import type { MessageContext } from './message-context';

// The words of every e-mail, in French, as plain text and as simple accessible HTML built from the same paragraphs.
// Pure: the worker gives the context read at delivery time (lib/notifications/message-context.ts).

export type ComposedMessage = { subject: string; text: string; html: string };

/** A paragraph; `label` makes it « Label : value », `quote` sets a person's text apart. */
type Block = { text: string; label?: string; quote?: boolean; link?: string };

const SIGNATURE = 'Clermont Auvergne Métropole — service Proxim’Cité';

/** « reçu sur le site », as a sentence says how a report came in. */
const RECEIVED: Record<MessageContext['report']['channel'], string> = {
  web: 'sur le site',
  phone: 'par téléphone',
  counter: 'à l’accueil de la mairie',
  api: 'par une application partenaire',
};

export const KIND_LABELS: Record<NotificationKind, string> = {
  acknowledgement: 'Accusé de réception',
  follow_acknowledgement: 'Confirmation de suivi',
  transfer: 'Changement de pôle',
  duplicate: 'Rattachement à un signalement identique',
  reopening: 'Réouverture',
  resolution: 'Résolution',
  rejection: 'Rejet',
};

export function composeMessage(ctx: MessageContext): ComposedMessage {
  const { subject, blocks } = wordsFor(ctx);
  const greeting = ctx.recipient.name ? `Bonjour ${ctx.recipient.name},` : 'Bonjour,';
  const closing: Block[] = [
    {
      text: `Pour toute question, appelez le numéro vert ${SERVICE_PHONE} (appel gratuit) en rappelant la référence ${ctx.recipient.reference}.`,
    },
    { text: SIGNATURE },
    { text: 'Ce message est envoyé automatiquement : merci de ne pas y répondre.' },
  ];
  const all: Block[] = [{ text: greeting }, ...blocks, ...closing];
  return { subject: `${subject} — Proxim’Cité`, text: toText(all), html: toHtml(subject, all) };
}

function placeOf(ctx: MessageContext): string {
  const { address, communeName, lon, lat } = ctx.report;
  if (!address) return `${communeName} (${lat.toFixed(5)}, ${lon.toFixed(5)})`;
  return address.includes(communeName) ? address : `${address}, ${communeName}`;
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

function wordsFor(ctx: MessageContext): { subject: string; blocks: Block[] } {
  const { report, event, recipient } = ctx;
  // « le pôle de proximité Nord » inside a sentence.
  const pole = lowerFirst(report.poleName);
  const ref = report.reference;
  const link: Block[] = recipient.privateUrl
    ? [
        {
          label: 'Votre lien de suivi privé (ne le partagez pas)',
          text: recipient.privateUrl,
          link: recipient.privateUrl,
        },
      ]
    : [];
  const facts: Block[] = [
    { label: 'Référence', text: ref },
    { label: 'Catégorie', text: report.categoryName },
    { label: 'Lieu', text: placeOf(ctx) },
  ];
  // A duplicate's reporter hears of the original: say how their own report is linked to it.
  const throughOwn: Block[] =
    recipient.reference !== ref
      ? [
          {
            text: `Votre signalement ${recipient.reference} décrit le même problème que le signalement ${ref} : il est suivi avec lui.`,
          },
        ]
      : [];
  switch (ctx.kind) {
    case 'acknowledgement':
      return {
        subject: `Signalement ${ref} bien reçu`,
        blocks: [
          {
            text: `Votre signalement a bien été enregistré (reçu ${RECEIVED[report.channel]} le ${formatDate(report.createdAt)}). Il est confié au ${pole}, qui le traitera au plus tard ${formatDue(report.dueAt)}.`,
          },
          ...facts,
          ...link,
          {
            text: 'Ce lien vous permet de suivre le traitement, de nous dire si le problème n’est pas résolu, ou d’effacer vos coordonnées. Une fois le problème traité, vous recevrez une réponse décrivant la solution mise en œuvre.',
          },
        ],
      };
    case 'follow_acknowledgement':
      return {
        subject: `Vous suivez le signalement ${ref}`,
        blocks: [
          {
            text: `Merci : vous avez indiqué rencontrer le même problème que le signalement ${ref}. Il est confié au ${pole} ; vous recevrez la réponse apportée.`,
          },
          ...facts,
          ...link,
        ],
      };
    case 'transfer':
      return {
        subject: `Signalement ${ref} confié à un autre pôle`,
        blocks: [
          {
            text: `Votre signalement est désormais traité par le ${lowerFirst(event?.newPoleName ?? report.poleName)}, compétent pour ce lieu.`,
          },
          ...facts,
          ...link,
        ],
      };
    case 'duplicate':
      return {
        subject: `Signalement ${ref} rattaché à un signalement identique`,
        blocks: [
          {
            text: `Le problème que vous avez signalé l’avait déjà été${event?.originalReference ? ` (signalement ${event.originalReference})` : ''}. Les deux signalements sont suivis ensemble : vous recevrez la réponse apportée.`,
          },
          ...facts,
          ...link,
        ],
      };
    case 'reopening':
      return {
        subject: `Signalement ${ref} rouvert`,
        blocks: [
          {
            text: `Le signalement est rouvert : le problème n’est pas résolu. Le ${pole} le reprend et le traitera au plus tard ${formatDue(report.dueAt)}.`,
          },
          ...(event?.text ? [{ label: 'Ce qui a été signalé', text: event.text, quote: true }] : []),
          ...facts,
          ...link,
        ],
      };
    case 'resolution':
      return {
        subject: `Signalement ${ref} résolu`,
        blocks: [
          ...throughOwn,
          {
            text: `Le ${pole} a traité votre signalement le ${formatDate(event?.at ?? new Date())}.`,
          },
          { label: 'Solution mise en œuvre', text: event?.text ?? '', quote: true },
          ...facts,
          {
            text: ctx.photos?.length
              ? `Le courrier joint (PDF) reprend cette réponse ; ${ctx.photos.length > 1 ? 'les photos prises' : 'la photo prise'} après l’intervention ${ctx.photos.length > 1 ? 'sont jointes' : 'est jointe'} aussi.`
              : 'Le courrier joint (PDF) reprend cette réponse.',
          },
          ...link,
          // Only the report's own people may reopen it from their link; a duplicate's may not (its page is closed).
          {
            text:
              recipient.reference === ref
                ? `Si le problème persiste, dites-le-nous dans les ${REOPEN_WINDOW_DAYS} jours depuis votre lien de suivi : le signalement sera rouvert.`
                : 'Si le problème persiste, appelez le numéro vert ou faites un nouveau signalement.',
          },
        ],
      };
    case 'rejection':
      return {
        subject: `Signalement ${ref} non retenu`,
        blocks: [
          ...throughOwn,
          { text: `Le ${pole} n’a pas pu donner suite à votre signalement, pour le motif suivant :` },
          { label: 'Motif', text: event?.text ?? '', quote: true },
          ...facts,
          { text: 'Le courrier joint (PDF) reprend cette réponse.' },
          ...link,
        ],
      };
  }
}

function toText(blocks: Block[]): string {
  return `${blocks.map((b) => (b.label ? `${b.label} :${b.quote ? '\n' : ' '}${b.text}` : b.text)).join('\n\n')}\n`;
}

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function toHtml(title: string, blocks: Block[]): string {
  const body = blocks
    .map((b) => {
      const value = b.link ? `<a href="${escape(b.link)}">${escape(b.text)}</a>` : escape(b.text);
      if (b.quote) {
        return `<p style="margin:16px 0 4px"><strong>${escape(b.label ?? '')}</strong></p><blockquote style="margin:0 0 16px;padding:8px 12px;border-left:4px solid #1d4ed8;background:#f1f5f9;white-space:pre-line">${value}</blockquote>`;
      }
      return `<p style="margin:0 0 12px;white-space:pre-line">${b.label ? `<strong>${escape(b.label)} :</strong> ` : ''}${value}</p>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(title)}</title></head>
<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#0f172a;background:#ffffff">
<main style="max-width:640px;margin:0 auto">
<h1 style="font-size:20px;margin:0 0 16px">${escape(title)}</h1>
${body}
</main>
</body>
</html>
`;
}
