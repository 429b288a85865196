import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/gestion/carte/route';
import { seedBase } from '@/db/seed';
import { seedDemo } from '@/lib/demo/seed';
import { getStaff } from '@/lib/auth';
import { FEW_PER_CELL, MAX_MAP_ZOOM, type ClusterFeature } from '@/lib/reports/map-grid';
import { listInbox } from '@/lib/staff/inbox';
import { parseInboxQuery } from '@/lib/staff/inbox-input';
import type { InboxMapAnswer } from '@/lib/staff/inbox-map';
import { getLocator } from '@/lib/territory/queries';
import { queryRows, testDbKind, useAppTestDatabase } from '../helpers/database';
import { fileReport, seedStaff, TEST_PASSWORD, type TestStaff } from '../helpers/staff';

// The staff inbox's map (GET /gestion/carte): refused to whoever may not read reports, and a bad view refused in
// French; otherwise every report the inbox's filters keep within the person's reach, counted once in a cluster or
// listed, and nothing else: no report out of reach, no personal data.

// The session cookie is next-auth's business: here the signed-in person is whoever a test says.
vi.mock('@/lib/auth', () => ({ getStaff: vi.fn() }));
const signedIn = vi.mocked(getStaff);

/** Where the random boxes are drawn: the heart of the territory. */
const TERRITORY = [2.95, 45.68, 3.25, 45.86] as const;
const CLERMONT = '63113';
const COURNON = '63124';
const POINT_KEYS = [
  'category',
  'categoryName',
  'commune',
  'createdAt',
  'href',
  'isOverdue',
  'pole',
  'reference',
  'state',
  'stateType',
];

type Feature = InboxMapAnswer['features'][number];
const isCluster = (feature: Feature): feature is ClusterFeature => 'cluster' in feature.properties;
const counted = (answer: InboxMapAnswer) =>
  answer.features.reduce((sum, feature) => sum + (isCluster(feature) ? feature.properties.count : 1), 0);
const pointsOf = (answer: InboxMapAnswer) =>
  answer.features.flatMap((feature) => (isCluster(feature) ? [] : [feature.properties]));

const call = async (query: string) => {
  const response = await GET(new Request(`http://localhost/gestion/carte?${query}`));
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as InboxMapAnswer };
};

// A fixed sequence: the same boxes on every run, so that a failure can be replayed.
function boxes(count: number) {
  let seed = 11;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => {
    const width = 0.005 + random() * 0.3;
    const height = 0.005 + random() * 0.2;
    const minLon = TERRITORY[0] + random() * (TERRITORY[2] - TERRITORY[0] - width);
    const minLat = TERRITORY[1] + random() * (TERRITORY[3] - TERRITORY[1] - height);
    const zoom = 8 + Math.floor(random() * (MAX_MAP_ZOOM - 7));
    const box = [minLon, minLat, minLon + width, minLat + height].map((n) => Math.round(n * 1e4) / 1e4);
    return { box: box as [number, number, number, number], zoom, pick: random() };
  });
}

describe(`the inbox map (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  let staff: (local: string) => TestStaff;
  /** The whole territory's box, rounded outwards: every report lies in it. */
  let whole: string;
  const db = () => app.handle.db;
  const countWhere = async (where: SQL) =>
    Number(
      (
        await queryRows<{ n: number }>(
          db(),
          sql`select count(*)::int as n from reports r join report_states s on s.key = r.state_key where ${where}`,
        )
      )[0]!.n,
    );
  const inBox = ([minLon, minLat, maxLon, maxLat]: readonly number[]) =>
    sql`r.lon between ${minLon} and ${maxLon} and r.lat between ${minLat} and ${maxLat}`;
  /** Each person's reach, written out by hand rather than taken from lib/staff/scope.ts. */
  const reachOf = (local: string): SQL => {
    if (local === 'pole.nord') return sql`r.pole_id = 'nord'`;
    if (local === 'accueil.cournon') return sql`(r.commune_insee = ${COURNON} or r.intake_user_id = ${staff(local).id})`;
    return sql`true`;
  };
  const as = (local: string | null) => signedIn.mockResolvedValue(local ? staff(local) : null);

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
    await seedDemo(db(), { count: 300, password: TEST_PASSWORD, history: false });
    staff = await seedStaff(db());
    const [minLon, minLat, maxLon, maxLat] = (await getLocator()).bounds;
    whole = [
      Math.floor(minLon * 100) / 100,
      Math.floor(minLat * 100) / 100,
      Math.ceil(maxLon * 100) / 100,
      Math.ceil(maxLat * 100) / 100,
    ].join(',');
    // Keyed in at the Cournon town hall for a Clermont street: on its agent's map, though outside Cournon.
    await fileReport(db(), CLERMONT, { intakeBy: staff('accueil.cournon') });
    // Reports piled up in one street, so that some cells hold many reports at every zoom but the closest.
    await db().execute(sql`update reports set lon = 3.0865 + (id % 7) * 0.0001, lat = 45.7795 + (id % 5) * 0.0001
      where id in (select r.id from reports r join report_states s on s.key = r.state_key where s.type = 'open' order by r.id limit 40)`);
    // Open reports of the pôle Centre moved onto a pile of open Nord reports: one cell, two pôles, at every zoom.
    const openOf = (pole: string) => sql`select r.id from reports r join report_states s on s.key = r.state_key
      where s.type = 'open' and r.pole_id = ${pole} and r.lon not between 3.086 and 3.088 order by r.id limit 6`;
    await db().execute(sql`update reports set lon = 3.1401 + (id % 3) * 0.0001, lat = 45.8101 + (id % 2) * 0.0001
      where id in (${openOf('nord')}) or id in (${openOf('centre')})`);
    // What must never leave: written into every report, so that a leak of any of it shows.
    await db().execute(sql`update reports set reporter_name = 'Nom Très Secret', reporter_email = 'carte.secret@example.org',
      reporter_phone = '04 99 88 77 66', reporter_address = '9 rue Cachée', description = 'Description confidentielle',
      tracking_token_hash = 'token-hash-that-must-stay-private'`);
  });
  beforeEach(() => signedIn.mockReset());
  afterAll(() => app.cleanup());

  describe('refusals', () => {
    it('answers a signed-out request 401 in French, and nothing else', async () => {
      as(null);
      const { status, body, headers } = await call(`bbox=${whole}&zoom=11`);
      expect(status).toBe(401);
      expect(body).toEqual({ error: 'unauthenticated', message: expect.stringMatching(/^Connectez-vous à l’espace agents/) });
      expect(headers.get('cache-control')).toBe('no-store');
    });

    it('answers a signed-out request 401 before looking at its parameters', async () => {
      as(null);
      expect((await call('bbox=nimporte&zoom=99')).status).toBe(401);
    });

    it('answers 403 to a person whose role reaches no report, and nothing else', async () => {
      // Every role reads reports somewhere today; a pôle manager without a pôle is what reaching none looks like.
      signedIn.mockResolvedValue({ ...staff('pole.nord'), poleId: null });
      const { status, body } = await call(`bbox=${whole}&zoom=11&state=tous`);
      expect(status).toBe(403);
      expect(body).toEqual({ error: 'forbidden', message: 'Votre rôle ne permet pas de voir les signalements.' });
    });

    it.each([
      ['zoom=11', /Paramètre obligatoire manquant : « bbox »\./],
      ['bbox=3,45.7,3.2,45.8', /Paramètre obligatoire manquant : « zoom »\./],
      ['state=tous', /Paramètre obligatoire manquant : « bbox » et « zoom »\./],
      ['bbox=3,45.7,3.2&zoom=11', /« bbox » doit contenir 4 nombres décimaux/],
      ['bbox=3,45.7,abc,45.8&zoom=11', /« bbox » doit contenir 4 nombres décimaux/],
      ['bbox=3.2,45.7,3.0,45.8&zoom=11', /chaque minimum doit être inférieur ou égal au maximum/],
      ['bbox=181,45.7,182,45.8&zoom=11', /longitudes doivent être comprises entre -180 et 180/],
      ['bbox=1.5,45.7,3.2,45.8&zoom=11', /« bbox » est trop grande : 1 degré au plus/],
      ['bbox=3,45.7,3.2,45.8&zoom=19', /« zoom » doit être un nombre entier entre 0 et 18/],
      ['bbox=3,45.7,3.2,45.8&zoom=1.5', /« zoom » doit être un nombre entier/],
      ['bbox=3,45.7,3.2,45.8&zoom=-1', /« zoom » doit être un nombre entier/],
    ])('refuses %s with 400 and a French message, and nothing else', async (query, message) => {
      as('admin');
      const { status, body } = await call(query);
      expect(status).toBe(400);
      expect(body).toEqual({ error: 'invalid_parameters', message: expect.stringMatching(message) });
    });
  });

  describe('reach', () => {
    it('never counts nor lists a report of another pôle for the Nord manager, at any zoom', async () => {
      as('pole.nord');
      const nord = await countWhere(sql`r.pole_id = 'nord' and s.type = 'open'`);
      expect(nord).toBeGreaterThan(FEW_PER_CELL);
      // The pile of Nord and Centre reports, alone in its box: the Centre ones must stay out of its clusters.
      const pile = [3.14, 45.81, 3.1404, 45.8103];
      const inPile = await countWhere(sql`r.pole_id = 'nord' and s.type = 'open' and ${inBox(pile)}`);
      expect(await countWhere(sql`r.pole_id <> 'nord' and s.type = 'open' and ${inBox(pile)}`)).toBeGreaterThan(0);
      for (const zoom of [8, 11, 14, 16, 17, MAX_MAP_ZOOM]) {
        const { status, body } = await call(`bbox=${whole}&zoom=${zoom}`);
        expect(status).toBe(200);
        expect(counted(body), `zoom ${zoom}`).toBe(nord);
        expect(body.total).toBe(nord);
        for (const point of pointsOf(body)) expect(point.pole).toBe('Pôle de proximité Nord');
        expect(counted((await call(`bbox=${pile.join(',')}&zoom=${zoom}`)).body), `the pile at zoom ${zoom}`).toBe(inPile);
      }
    });

    it('answers the Nord manager nothing when the URL asks for another pôle', async () => {
      as('pole.nord');
      const { status, body } = await call(`bbox=${whole}&zoom=11&state=tous&pole=centre`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ total: 0, features: [] });
    });

    it('shows the Cournon town-hall agent the reports of Cournon and those it keyed in elsewhere', async () => {
      as('accueil.cournon');
      const { body } = await call(`bbox=${whole}&zoom=${MAX_MAP_ZOOM}&state=tous`);
      expect(body.total).toBe(await countWhere(reachOf('accueil.cournon')));
      expect(new Set(pointsOf(body).map((point) => point.commune))).toEqual(new Set(["Cournon-d'Auvergne", 'Clermont-Ferrand']));
    });
  });

  describe('counts', () => {
    // The inbox's filters with the SQL each one means, written out by hand.
    const FILTERS: { query: string; where: (local: string) => SQL }[] = [
      { query: '', where: () => sql`s.type = 'open'` },
      { query: 'state=tous', where: () => sql`true` },
      { query: 'state=resolved', where: () => sql`r.state_key = 'resolved'` },
      { query: 'category=voirie', where: () => sql`s.type = 'open' and r.category_slug = 'voirie'` },
      { query: 'overdue=1', where: () => sql`s.type = 'open' and r.due_at < now()` },
      { query: 'state=tous&commune=63113', where: () => sql`r.commune_insee = '63113'` },
      { query: 'state=tous&channel=phone', where: () => sql`r.channel = 'phone'` },
      { query: 'assigned=moi', where: (local) => sql`s.type = 'open' and r.assignee_user_id = ${staff(local).id}` },
    ];
    const PEOPLE = ['admin', 'pole.nord', 'accueil.cournon', 'elu', 'agent'];

    it('counts every report of the filters within reach exactly once, for random boxes, zooms and people', async () => {
      let clusters = 0;
      for (const [i, { box, zoom, pick }] of boxes(60).entries()) {
        const local = PEOPLE[i % PEOPLE.length]!;
        const filter = FILTERS[Math.floor(pick * FILTERS.length)]!;
        as(local);
        const { status, body } = await call(`${filter.query}&bbox=${box.join(',')}&zoom=${zoom}`);
        expect(status).toBe(200);
        const label = `${local} ${filter.query} zoom ${zoom} ${box.join(',')}`;
        const expected = await countWhere(sql`${reachOf(local)} and ${filter.where(local)} and ${inBox(box)}`);
        expect(counted(body), label).toBe(expected);
        expect(body.total, label).toBe(expected);
        const references = pointsOf(body).map((point) => point.reference);
        expect(new Set(references).size).toBe(references.length);
        for (const feature of body.features) {
          const [lon, lat] = feature.geometry.coordinates as [number, number];
          expect(lon >= box[0] - 1e-6 && lon <= box[2] + 1e-6 && lat >= box[1] - 1e-6 && lat <= box[3] + 1e-6, label).toBe(true);
          if (!isCluster(feature)) continue;
          clusters++;
          expect(feature.properties.count).toBeGreaterThan(FEW_PER_CELL);
          // Its box holds its reports: zooming into it finds them all.
          const within = sql`${reachOf(local)} and ${filter.where(local)} and ${inBox(box)} and ${inBox(feature.properties.bbox)}`;
          expect(await countWhere(within), label).toBeGreaterThanOrEqual(feature.properties.count);
        }
      }
      expect(clusters).toBeGreaterThan(10);
    });

    it('holds the same reports as the inbox list for the same filters', async () => {
      as('pole.nord');
      const query = 'state=tous&category=voirie';
      const { body } = await call(`${query}&bbox=${whole}&zoom=${MAX_MAP_ZOOM}`);
      const listed: string[] = [];
      let after: string | null = null;
      do {
        const params = new URLSearchParams(`${query}${after ? `&after=${after}` : ''}`);
        const page = await listInbox(db(), staff('pole.nord'), parseInboxQuery(params));
        listed.push(...page.rows.map((row) => row.reference));
        after = page.nextCursor;
      } while (after);
      expect(listed.length).toBeGreaterThan(0);
      expect(body.features.some(isCluster)).toBe(false);
      expect(
        pointsOf(body)
          .map((point) => point.reference)
          .sort(),
      ).toEqual(listed.sort());
    });
  });

  describe('filters', () => {
    it.each([
      ['category=voirie', sql`s.type = 'open' and r.category_slug = 'voirie'`],
      ['overdue=1', sql`s.type = 'open' and r.due_at < now()`],
      ['state=resolved', sql`r.state_key = 'resolved'`],
    ])('applies %s inside the clusters, not only to the single reports', async (query, where) => {
      as('admin');
      const { body } = await call(`${query}&bbox=${whole}&zoom=11`);
      const expected = await countWhere(where);
      expect(expected).toBeGreaterThan(FEW_PER_CELL);
      expect(body.total).toBe(expected);
      expect(counted(body)).toBe(expected);
      expect(body.features.some(isCluster)).toBe(true);
      // Every report of the filter, one by one at the closest zoom, is of the filter.
      const { body: close } = await call(`${query}&bbox=${whole}&zoom=${MAX_MAP_ZOOM}`);
      expect(pointsOf(close)).toHaveLength(expected);
      for (const point of pointsOf(close)) {
        if (query === 'category=voirie') expect(point.category).toBe('voirie');
        if (query === 'overdue=1') expect(point.isOverdue).toBe(true);
        if (query === 'state=resolved') expect(point.stateType).toBe('resolved');
      }
    });

    it('rings as overdue exactly the open reports past their due date', async () => {
      as('admin');
      const { body } = await call(`state=tous&bbox=${whole}&zoom=${MAX_MAP_ZOOM}`);
      const overdue = await queryRows<{ reference: string }>(
        db(),
        sql`select r.reference from reports r join report_states s on s.key = r.state_key where s.type = 'open' and r.due_at < now()`,
      );
      expect(overdue.length).toBeGreaterThan(0);
      const ringed = pointsOf(body).filter((point) => point.isOverdue);
      expect(ringed.map((point) => point.reference).sort()).toEqual(overdue.map((row) => row.reference).sort());
    });
  });

  describe('the answer', () => {
    it('holds counts, boxes and what the markers say, never personal data, private and never cached', async () => {
      for (const local of ['admin', 'pole.nord', 'accueil.cournon', 'elu']) {
        as(local);
        for (const zoom of [10, 14, MAX_MAP_ZOOM]) {
          const { status, text, body, headers } = await call(`state=tous&bbox=${whole}&zoom=${zoom}`);
          expect(status).toBe(200);
          expect(headers.get('cache-control')).toBe('private, no-store');
          expect(text).not.toMatch(
            /Secret|example\.org|04 99 88|Cachée|confidentielle|token-hash|reporter|description|"id"|"ids"/i,
          );
          expect(pointsOf(body).length).toBeGreaterThan(0);
          for (const feature of body.features) {
            const keys = Object.keys(feature.properties).sort();
            expect(keys).toEqual(isCluster(feature) ? ['bbox', 'cluster', 'count'] : POINT_KEYS);
            if (!isCluster(feature))
              expect(feature.properties.href).toBe(`/gestion/signalements/${feature.properties.reference}`);
          }
        }
      }
    });

    it('lists every report one by one at the closest zoom, clustered ones further out', async () => {
      as('admin');
      const street = [3.085, 45.779, 3.088, 45.781];
      const { body } = await call(`bbox=${street.join(',')}&zoom=${MAX_MAP_ZOOM}`);
      expect(body.features.length).toBeGreaterThan(FEW_PER_CELL);
      expect(body.features.some(isCluster)).toBe(false);
      const further = await call(`bbox=${street.join(',')}&zoom=${MAX_MAP_ZOOM - 4}`);
      expect(further.body.features.some(isCluster)).toBe(true);
      expect(further.body.total).toBe(body.total);
    });
  });
});
