import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBase } from '@/db/seed';
import { SERVICE_PHONE } from '@/lib/service';
import { testDbKind, useAppTestDatabase } from '../helpers/database';

// What `npm run test:mutation -- --mutate lib/reports/submit.ts` found untested: the words of each refusal. The other
// tests compare a refusal with MESSAGES itself, so an emptied message passed them; a resident reads these words.

// Two reports per address reach the limit; read by lib/env when the modules load below.
process.env.RATE_LIMIT_PER_IP = '2';
const { receiveFollow, receiveReport } = await import('@/lib/reports/submit');

let n = 0;
const key = () => `submit-mutants-${testDbKind}-${Date.now()}-${++n}`;
const sender = (ip = `198.18.0.${++n}`) => ({ ip, channel: 'web' as const, actor: { type: 'resident' as const } });
const form = (overrides: Record<string, string> = {}) => ({
  idempotencyKey: key(),
  category: 'voirie',
  description: 'Plaque d’égout descellée au carrefour.',
  lon: '3.0819',
  lat: '45.7772',
  commune: '',
  address: '',
  name: '',
  email: `riverain.${n}@example.org`,
  phone: '',
  postalAddress: '',
  noReply: '',
  website: '',
  ...overrides,
});

describe(`what a refused resident is told (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  const db = () => app.handle.db;
  const message = async (outcome: Promise<{ ok: boolean; message?: string }>) => (await outcome).message;

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
  });
  afterAll(() => app.cleanup());

  it('asks to correct the fields shown, for a report and for a follow', async () => {
    expect(await message(receiveReport(db(), form({ description: '' }), [], sender()))).toMatch(/corrigez les champs/);
    const follow = { idempotencyKey: key(), reference: 'pas-une-référence', name: '', email: 'a@example.org' };
    const outcome = await receiveFollow(db(), { ...follow, phone: '', postalAddress: '', noReply: '', website: '' });
    expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(/^Le suivi n’a pas été enregistré/) });
  });

  it('asks a sender the honeypot caught to reload the page, without naming the trap', async () => {
    const text = await message(receiveReport(db(), form({ website: 'http://spam.example' }), [], sender()));
    expect(text).toMatch(/rechargez la page/);
    expect(text).not.toMatch(/website|robot/i);
  });

  it('tells a sender past the limit to wait, or to call the free number for an emergency', async () => {
    const ip = `198.18.1.${++n}`;
    for (let i = 0; i < 2; i++) expect((await receiveReport(db(), form(), [], sender(ip))).ok).toBe(true);
    const text = await message(receiveReport(db(), form(), [], sender(ip)));
    expect(text).toContain(SERVICE_PHONE);
    expect(text).toMatch(/patienter/);
  });

  it('says a pin outside the Métropole is outside its 21 communes', async () => {
    const outcome = await receiveReport(db(), form({ lon: '2.3522', lat: '48.8566' }), [], sender());
    expect(outcome).toMatchObject({
      ok: false,
      fieldErrors: { location: [expect.stringMatching(/hors du territoire.*21 communes/)] },
    });
  });

  it('offers a new report to someone following a report that does not exist', async () => {
    const follow = { idempotencyKey: key(), reference: 'PC-1999-000001', name: '', email: 'b@example.org' };
    const text = await message(receiveFollow(db(), { ...follow, phone: '', postalAddress: '', noReply: '', website: '' }));
    expect(text).toMatch(/Faites un nouveau signalement/);
  });
});
