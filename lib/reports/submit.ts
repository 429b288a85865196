import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { reports, reportStates, type Channel, type Severity } from '@/db/schema';
import { env } from '@/lib/env';
import { checkLimits } from '@/lib/rate-limits';
import { SERVICE_PHONE } from '@/lib/service';
import { getLocator } from '@/lib/territory/queries';
import { parseFollowForm, parseReportForm, type FieldErrors, type ReportInput } from './input';
import {
  findReportByIdempotencyKey,
  getActiveCategory,
  getCommuneWithPole,
  insertFollower,
  insertReport,
  isDuplicateKeyError,
  RateLimitedError,
} from './intake';
import { processPhotos } from './photos';
import { RESIDENT, type Actor } from './events';
import { getTrackingSecret } from '@/lib/secrets';
import { getSeverityDays } from './severity';
import { findSenderMark } from './sender-marks';
import { hashSender, trackingTokenFor } from './tokens';

// The decisions behind the report form, in the order a resident's submission meets them. Refusals write nothing.

export type Sender = {
  ip: string;
  channel: Channel;
  actor: Actor;
  /** An agent keying the report in for a caller or a visitor: not rate-limited (one desk files for many people). */
  agent?: { userId: number; severity: Severity | null; receivedText: string };
};
export type Accepted = { ok: true; reference: string; token: string; poleName: string; dueAt: Date };
export type Refused = { ok: false; fieldErrors?: FieldErrors; message: string };
export type Outcome = Accepted | Refused;
export type FollowOutcome = { ok: true; reference: string; token: string } | Refused;

export const MESSAGES = {
  fix: 'Le signalement n’a pas été envoyé : corrigez les champs indiqués.',
  refused: 'Votre envoi n’a pas pu être accepté. Si vous êtes une personne, rechargez la page et réessayez.',
  rateLimited: `Vous avez envoyé beaucoup de signalements en peu de temps. Merci de patienter une heure, ou d’appeler le numéro vert ${SERVICE_PHONE} (appel gratuit) pour un signalement urgent.`,
  outside:
    'Ce point est hors du territoire de Clermont Auvergne Métropole : le service ne couvre que ses 21 communes. Déplacez le repère, ou adressez-vous à la commune concernée.',
  notOnline: `Votre signalement n’a pas pu être enregistré en ligne. Appelez le numéro vert ${SERVICE_PHONE} (appel gratuit) ou adressez-vous à l’accueil de votre mairie.`,
  notFollowable: 'Ce signalement n’existe pas ou est déjà clos : vous ne pouvez plus le suivre. Faites un nouveau signalement.',
} as const;

const refuse = (fieldErrors: FieldErrors, message: string = MESSAGES.fix): Refused => ({ ok: false, fieldErrors, message });

export async function receiveReport(
  db: Db,
  raw: Record<string, string>,
  files: File[],
  sender: Sender,
  now: Date = new Date(),
): Promise<Outcome> {
  if (raw.website) return { ok: false, message: MESSAGES.refused };
  const parsed = parseReportForm(raw);
  if (!parsed.ok) return refuse(parsed.fieldErrors);
  const input = parsed.value;

  const limits = sender.agent ? [] : [{ key: hashSender('ip', sender.ip), limit: env.RATE_LIMIT_PER_IP }];
  if (input.email && !sender.agent) limits.push({ key: hashSender('email', input.email), limit: env.RATE_LIMIT_PER_EMAIL });
  const windowMs = env.RATE_LIMIT_WINDOW_MINUTES * 60_000;
  const senderKeys = limits.map((limit) => limit.key);
  const [secret, replay, category, severityDays, recent, mark] = await Promise.all([
    getTrackingSecret(db),
    findReportByIdempotencyKey(db, input.idempotencyKey),
    getActiveCategory(db, input.category),
    getSeverityDays(db),
    checkLimits(db, limits, windowMs, now),
    findSenderMark(db, senderKeys),
  ]);
  const token = trackingTokenFor(secret, 'report', input.idempotencyKey);
  if (replay) return { ok: true, ...replay, token: token.token };
  // Before any costly work (locating, decoding photos): a sender past the limit costs one query.
  if (recent.isOver) return { ok: false, message: MESSAGES.rateLimited };
  // Neutral: a sender staff marked is not told so (nor given a reason to try another address).
  if (mark === 'refuse') return { ok: false, message: MESSAGES.notOnline };
  if (!category) return refuse({ category: ['Cette catégorie n’existe pas ou n’est plus proposée : choisissez-en une autre.'] });
  const place = await placeOf(db, input.location);
  if ('error' in place) return refuse(place.error);
  const photos = await processPhotos(files);
  if (!photos.ok) return refuse({ photos: [photos.message] });

  const { poleName, ...location } = place;
  try {
    const { reference, dueAt } = await insertReport(
      db,
      {
        categorySlug: category.slug,
        description: input.description,
        address: input.address,
        ...location,
        channel: sender.channel,
        wantsNoReply: input.noReply,
        reporterName: input.name,
        reporterEmail: input.email,
        reporterPhone: input.phone,
        reporterAddress: input.postalAddress,
        idempotencyKey: input.idempotencyKey,
        trackingTokenHash: token.hash,
        senderKeys: senderKeys.length > 0 ? senderKeys : null,
        // Published at once only where the setting says so and staff did not ask to check this sender's reports.
        publishedAt: env.MODERATION === 'after' && mark === null ? now : null,
        photos: photos.photos,
        actor: sender.actor,
        intakeUserId: sender.agent?.userId ?? null,
        receivedText: sender.agent?.receivedText ?? null,
      },
      {
        severity: sender.agent?.severity ?? category.severity,
        severityDays,
        limits,
        windowMinutes: env.RATE_LIMIT_WINDOW_MINUTES,
        previousShare: recent.previousShare,
        now,
      },
    );
    return { ok: true, reference, token: token.token, poleName, dueAt };
  } catch (error) {
    if (error instanceof RateLimitedError) return { ok: false, message: MESSAGES.rateLimited };
    const raced = isDuplicateKeyError(error) && (await findReportByIdempotencyKey(db, input.idempotencyKey));
    if (raced) return { ok: true, ...raced, token: token.token };
    throw error;
  }
}

/** Commune, pôle and point of a report: from the pin through the territory engine, or from the chosen commune. */
type Place = {
  lon: number;
  lat: number;
  communeInsee: string;
  poleId: string;
  poleName: string;
  isNearBorder: boolean;
  isLocationToConfirm: boolean;
};

async function placeOf(db: Db, location: ReportInput['location']): Promise<Place | { error: FieldErrors }> {
  const locator = await getLocator();
  if (location.kind === 'point') {
    const found = locator.locate(location.lon, location.lat);
    if (!found) return { error: { location: [MESSAGES.outside] } };
    return {
      lon: location.lon,
      lat: location.lat,
      communeInsee: found.commune.insee,
      poleId: found.pole.id,
      poleName: found.pole.name,
      isNearBorder: found.nearBorder,
      isLocationToConfirm: false,
    };
  }
  const commune = await getCommuneWithPole(db, location.insee);
  const point = commune && locator.interiorPoint(commune.insee);
  if (!commune || !point) return { error: { commune: ['Choisissez une commune de la liste.'] } };
  return {
    ...point,
    communeInsee: commune.insee,
    poleId: commune.poleId,
    poleName: commune.poleName,
    isNearBorder: false,
    isLocationToConfirm: true,
  };
}

/** « C'est le même problème » : the resident follows an open report instead of filing a duplicate. */
export async function receiveFollow(
  db: Db,
  raw: Record<string, string>,
  by: { actor: Actor; channel: Channel } = { actor: RESIDENT, channel: 'web' },
): Promise<FollowOutcome> {
  if (raw.website) return { ok: false, message: MESSAGES.refused };
  const parsed = parseFollowForm(raw);
  if (!parsed.ok) return refuse(parsed.fieldErrors, 'Le suivi n’a pas été enregistré : corrigez les champs indiqués.');
  const input = parsed.value;
  const [report] = await db
    .select({ id: reports.id, poleId: reports.poleId })
    .from(reports)
    .innerJoin(reportStates, eq(reports.stateKey, reportStates.key))
    .where(and(eq(reports.reference, input.reference), eq(reportStates.type, 'open')));
  if (!report) return { ok: false, message: MESSAGES.notFollowable };

  const token = trackingTokenFor(await getTrackingSecret(db), 'follow', input.idempotencyKey);
  await insertFollower(db, {
    reportId: report.id,
    poleId: report.poleId,
    ...by,
    name: input.name,
    email: input.email,
    postalAddress: input.postalAddress,
    trackingTokenHash: token.hash,
    idempotencyKey: input.idempotencyKey,
  });
  return { ok: true, reference: input.reference, token: token.token };
}
