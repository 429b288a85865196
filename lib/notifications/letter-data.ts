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
    recipient: { name: ctx.recipient.name, postalAddress: ctx.recipient.postalAddress },
    pole: { name: ctx.report.poleName, address: ctx.report.poleAddress },
    date,
  };
}

export const letterFileName = (reference: string) => `courrier-${reference}.pdf`;

function withoutCommune(address: string | null, communeName: string): string | null {
  if (!address) return null;
  const suffix = `, ${communeName}`;
  return address.endsWith(suffix) ? address.slice(0, -suffix.length) : address;
}
