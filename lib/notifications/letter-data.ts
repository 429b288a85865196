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
      address: ctx.report.address,
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
