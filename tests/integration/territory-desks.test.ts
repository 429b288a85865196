import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communes } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { listDesks, updateDesk } from '@/lib/territory/desks';
import { testDbKind, useAppTestDatabase } from '../helpers/database';
import { seedStaff, type TestStaff } from '../helpers/staff';

describe(`the town halls' reception desks (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let staff: (local: string) => TestStaff;
  const db = () => app.handle.db;
  const desk = async (insee: string) =>
    (
      await db()
        .select({ address: communes.deskAddress, hours: communes.deskHours })
        .from(communes)
        .where(eq(communes.insee, insee))
    )[0];

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
    staff = await seedStaff(db());
  });
  afterAll(() => app.cleanup());

  it('refuses every role but the administrator, and changes nothing', async () => {
    for (const local of ['pole.nord', 'agent', 'accueil.cournon', 'elu']) {
      const answer = await updateDesk(db(), staff(local), { insee: '63124', deskAddress: 'Ailleurs', deskHours: 'Jamais' });
      expect(answer.ok).toBe(false);
    }
    expect(await desk('63124')).toEqual({ address: null, hours: null });
  });

  it('refuses an unknown commune and an address too long', async () => {
    expect((await updateDesk(db(), staff('admin'), { insee: '75056', deskAddress: '', deskHours: '' })).ok).toBe(false);
    const long = await updateDesk(db(), staff('admin'), { insee: '63124', deskAddress: 'x'.repeat(301), deskHours: '' });
    expect(long.ok ? [] : Object.keys(long.fieldErrors ?? {})).toEqual(['deskAddress']);
  });

  it('lets the administrator fill in a desk, shown in the public list in French order', async () => {
    const answer = await updateDesk(db(), staff('admin'), {
      insee: '63124',
      deskAddress: ' Place Joseph-Gardet, 63800 Cournon-d’Auvergne ',
      deskHours: 'Du lundi au vendredi, 8 h 30 – 17 h',
    });
    expect(answer.ok).toBe(true);
    const desks = await listDesks();
    expect(desks).toHaveLength(21);
    expect(desks.map((d) => d.name)).toEqual([...desks.map((d) => d.name)].sort((a, b) => a.localeCompare(b, 'fr')));
    expect(desks.find((d) => d.insee === '63124')).toMatchObject({
      deskAddress: 'Place Joseph-Gardet, 63800 Cournon-d’Auvergne',
      deskHours: 'Du lundi au vendredi, 8 h 30 – 17 h',
    });
    // Emptied, it goes back to nothing rather than an empty string.
    await updateDesk(db(), staff('admin'), { insee: '63124', deskAddress: '', deskHours: '' });
    expect(await desk('63124')).toEqual({ address: null, hours: null });
  });
});
