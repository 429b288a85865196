import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { communes, severity, type Channel } from '@/db/schema';
import { can, type StaffUser } from '@/lib/permissions';
import type { Actor } from './events';
import { parseReportForm } from './input';
import { MESSAGES, receiveFollow, receiveReport, type FollowOutcome, type Outcome } from './submit';

// Reports keyed in by an agent for a caller (phone) or a visitor at a town-hall desk (counter): the same decisions as
// a resident's form (lib/reports/submit.ts), with the channel taken from the agent's role — never from the form —,
// the severity the agent chose, no rate limit, and a first public line saying how the report came in.

export const NOT_ALLOWED = {
  ok: false,
  message: 'Votre rôle ne permet pas de saisir un signalement : rien n’a été enregistré.',
} as const;

/** The call centre takes calls, a town hall its visitors; the administrator says which (phone unless told). */
export function intakeChannelFor(user: StaffUser, requested: string | undefined): Channel | null {
  if (!can(user, 'reports.intake')) return null;
  if (user.role === 'call_centre_agent') return 'phone';
  if (user.role === 'town_hall_agent') return 'counter';
  return requested === 'counter' ? 'counter' : 'phone';
}

const severityChoice = z.union([z.literal(''), z.enum(severity.enumValues)]);

async function receivedText(db: Db, user: StaffUser, channel: Channel): Promise<string> {
  if (channel === 'phone') return 'Signalement reçu par téléphone (numéro vert).';
  if (!user.communeInsee) return 'Signalement reçu à l’accueil d’une mairie.';
  const [commune] = await db.select({ name: communes.name }).from(communes).where(eq(communes.insee, user.communeInsee));
  return `Signalement reçu à l’accueil de la mairie de ${commune?.name ?? 'la commune'}.`;
}

const actorOf = (user: StaffUser): Actor => ({ type: 'staff', userId: user.id, role: user.role });

export async function receiveIntake(db: Db, user: StaffUser, raw: Record<string, string>, files: File[]): Promise<Outcome> {
  const channel = intakeChannelFor(user, raw.channel);
  if (!channel) return NOT_ALLOWED;
  const chosen = severityChoice.safeParse(raw.severity ?? '');
  if (!chosen.success) {
    // Every field error at once, the severity's among the form's.
    const form = parseReportForm(raw);
    const fieldErrors = { ...(form.ok ? {} : form.fieldErrors), severity: ['Choisissez une gravité de la liste.'] };
    return { ok: false, message: MESSAGES.fix, fieldErrors };
  }
  return receiveReport(db, { ...raw, website: '' }, files, {
    ip: `agent:${user.id}`,
    channel,
    actor: actorOf(user),
    agent: { userId: user.id, severity: chosen.data || null, receivedText: await receivedText(db, user, channel) },
  });
}

/** The caller's problem is already reported: they follow that report, and its history says which agent added them. */
export async function followForCaller(db: Db, user: StaffUser, raw: Record<string, string>): Promise<FollowOutcome> {
  const channel = intakeChannelFor(user, raw.channel);
  if (!channel) return NOT_ALLOWED;
  return receiveFollow(db, { ...raw, website: '' }, { actor: actorOf(user), channel });
}
