import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMessages, reportFollowers, reports } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { insertReport, isDuplicateKeyError, type ReportDraft } from '@/lib/reports/intake';
import { DEFAULT_SEVERITY_DAYS } from '@/lib/reports/sla';
import { receiveFollow, receiveReport } from '@/lib/reports/submit';
import { testDbKind, useAppTestDatabase } from '../helpers/database';

// What `npm run test:mutation -- --mutate lib/reports/intake.ts` found untested: the messages a new report or a new
// follower queues in its own transaction (the notification tests, which check them, are too slow for a mutation run),
// and which database failures count as the same form sent twice at once.

let n = 0;
const key = () => `intake-mutants-${testDbKind}-${Date.now()}-${++n}`;
const sender = () => ({ ip: `203.0.113.${++n}`, channel: 'web' as const, actor: { type: 'resident' as const } });
const form = (overrides: Record<string, string> = {}) => ({
  idempotencyKey: key(),
  category: 'voirie',
  description: 'Trottoir effondré devant la boulangerie.',
  lon: '3.0819',
  lat: '45.7772',
  commune: '',
  address: '',
  name: '',
  email: `habitant.${n}@example.org`,
  phone: '',
  postalAddress: '',
  noReply: '',
  website: '',
  ...overrides,
});
const draft = (overrides: Partial<ReportDraft> = {}): ReportDraft => ({
  categorySlug: 'voirie',
  description: 'Un envoi écrit directement.',
  lon: 3.0819,
  lat: 45.7772,
  address: null,
  communeInsee: '63113',
  poleId: 'centre',
  channel: 'web',
  isNearBorder: false,
  isLocationToConfirm: false,
  wantsNoReply: true,
  reporterName: null,
  reporterEmail: null,
  reporterPhone: null,
  reporterAddress: null,
  idempotencyKey: key(),
  trackingTokenHash: 'x',
  photos: [],
  actor: { type: 'resident' },
  ...overrides,
});
const OPTIONS: Parameters<typeof insertReport>[2] = {
  severity: 'medium',
  severityDays: DEFAULT_SEVERITY_DAYS,
  limits: [],
  windowMinutes: 60,
};

describe(`what a new report or follower queues (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  const db = () => app.handle.db;

  const reportId = async (reference: string) =>
    (await db().select({ id: reports.id }).from(reports).where(eq(reports.reference, reference)))[0]!.id;
  const queued = (id: number) =>
    db()
      .select({
        kind: outboxMessages.kind,
        channel: outboxMessages.channel,
        recipientReportId: outboxMessages.recipientReportId,
        followerId: outboxMessages.followerId,
      })
      .from(outboxMessages)
      .where(eq(outboxMessages.reportId, id));

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
  });
  afterAll(() => app.cleanup());

  it('queues one acknowledgement e-mail to the reporter with the report', async () => {
    const outcome = await receiveReport(db(), form(), [], sender());
    if (!outcome.ok) throw new Error(outcome.message);
    const id = await reportId(outcome.reference);
    expect(await queued(id)).toEqual([{ kind: 'acknowledgement', channel: 'email', recipientReportId: id, followerId: null }]);
  });

  it('queues nothing for a reporter who asked for no reply, even with an e-mail given', async () => {
    const { reference } = await insertReport(db(), draft({ wantsNoReply: true, reporterEmail: 'silence@example.org' }), OPTIONS);
    expect(await queued(await reportId(reference))).toEqual([]);
  });

  it('queues one acknowledgement to a new follower, and none when the same follow form comes again', async () => {
    const outcome = await receiveReport(db(), form(), [], sender());
    if (!outcome.ok) throw new Error(outcome.message);
    const id = await reportId(outcome.reference);
    const followForm = {
      idempotencyKey: key(),
      reference: outcome.reference,
      name: '',
      email: 'voisine@example.org',
      phone: '',
      postalAddress: '',
      noReply: '',
      website: '',
    };
    expect((await receiveFollow(db(), followForm)).ok).toBe(true);
    expect((await receiveFollow(db(), followForm)).ok).toBe(true);
    const followers = await db().select({ id: reportFollowers.id }).from(reportFollowers).where(eq(reportFollowers.reportId, id));
    expect(followers).toHaveLength(1);
    const toFollower = await db()
      .select({ followerId: outboxMessages.followerId, channel: outboxMessages.channel })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.reportId, id), eq(outboxMessages.kind, 'follow_acknowledgement')));
    expect(toFollower).toEqual([{ followerId: followers[0]!.id, channel: 'email' }]);
  });

  it('recognises the database’s refusal of a second report with the same idempotency key, however the driver wraps it', async () => {
    const first = draft();
    await insertReport(db(), first, OPTIONS);
    const error = await insertReport(db(), draft({ idempotencyKey: first.idempotencyKey }), OPTIONS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isDuplicateKeyError(error)).toBe(true);
  });

  it('takes no other failure for the same form sent twice: another constraint, an error without a code, nothing', async () => {
    const unknownPole = await insertReport(db(), draft({ poleId: 'nulle-part' }), OPTIONS).catch((e: unknown) => e);
    expect(unknownPole).toBeInstanceOf(Error);
    expect(isDuplicateKeyError(unknownPole)).toBe(false);
    expect(isDuplicateKeyError(new Error('connexion perdue', { cause: new Error('ECONNRESET') }))).toBe(false);
    expect(isDuplicateKeyError(undefined)).toBe(false);
  });
});
