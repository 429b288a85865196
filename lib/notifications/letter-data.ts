import 'server-only';
import type { LetterData } from './letters';
import type { MessageContext } from './message-context';

// The letter of an outcome message: what the recipient is told, placed for the window envelope.

export function letterFromContext(ctx: MessageContext, date: Date = new Date()): LetterData {
  return {
    kind: ctx.kind === 'rejection' ? 'rejection' : 'resolution',
    reference: ctx.report.reference,
    categoryName: ctx.report.categoryName,
    place: {
      communeName: ctx.report.communeName,
      // The letter says the commune itself: an address typed with it (« 4 rue X, Gerzat ») loses the repetition.
      address: withoutCommune(ctx.report.address, ctx.report.communeName),
      lon: ctx.report.lon,
      lat: ctx.report.lat,
    },
    channel: ctx.report.channel,
    reportedAt: ctx.report.createdAt,
    closedAt: ctx.event?.at ?? date,
    outcome: ctx.event?.text ?? '',
    recipient: {
      name: ctx.recipient.name,
      postalAddress: ctx.recipient.postalAddress ? postalLines(ctx.recipient.postalAddress) : null,
    },
    pole: { name: ctx.report.poleName, address: ctx.report.poleAddress },
    date,
    photo: ctx.letterPhoto ?? null,
  };
}

export const letterFileName = (reference: string) => `courrier-${reference}.pdf`;

function withoutCommune(address: string | null, communeName: string): string | null {
  if (!address) return null;
  const suffix = `, ${communeName}`;
  return address.endsWith(suffix) ? address.slice(0, -suffix.length) : address;
}

/**
 * An address as the window of the envelope needs it, one element per line with the postcode and town last. Forms take
 * it on one line (« 14 rue des Vignes, 63118 Cébazat », or without the comma): split at commas and before a postcode.
 */
export function postalLines(address: string): string {
  return address
    .split(/\r?\n|[,;]/)
    .map((line) => line.trim())
    .filter(Boolean)
    .flatMap((line) => {
      const town = /^(.*\S)\s+(\d{5}\s+\S.*)$/.exec(line);
      return town ? [town[1]!, town[2]!] : [line];
    })
    .join('\n');
}
