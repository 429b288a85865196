import { count } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as geocode } from '@/app/api/geocode/route';
import { GET as photo } from '@/app/api/reports/[reference]/photos/[position]/route';
import { GET as nearby } from '@/app/api/reports/nearby/route';
import { GET as reportsApi } from '@/app/api/reports/route';
import { GET as locate } from '@/app/api/territory/locate/route';
import { GET as openDataCsv } from '@/app/api/open-data/reports.csv/route';
import { GET as openDataGeoJson } from '@/app/api/open-data/reports.geojson/route';
import KeyFiguresPage from '@/app/chiffres-cles/page';
import PrivateReportPage from '@/app/suivi/[reference]/acces/[token]/page';
import PublicReportPage from '@/app/suivi/[reference]/page';
import { outboxMessages, rateLimits, reportEvents, reportFollowers, reportPhotos, reports } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { seedDemo } from '@/lib/demo/seed';
import { eraseContact, reopenReport } from '@/lib/reports/follow-up';
import { receiveFollow, receiveReport } from '@/lib/reports/submit';
import { testDbKind, useAppTestDatabase } from '../helpers/database';

// Every public entry point against 1,000 generated bad inputs each (fast-check): each is answered by a 4xx with a French
// message, or a French field error, never a 5xx or an exception; and the database is unchanged. The counts are printed.

const RUNS = 1000;
const FRENCH = /[a-zàâçéèêëîïôûùüÿœ’ ]{6,}/i;

/** Strings people and robots send: any Unicode, control characters, percent-encodings, numbers, huge ones. */
const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u200b\u200b',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '%',
    '%E0%A4%A',
    '%ZZ',
    '../..',
    '<script>',
    "' or 1=1 --",
    '{"a":1}',
    '[]',
    'null',
  ),
  fc.double().map(String),
  fc.integer().map(String),
  fc.string({ maxLength: 5 }).map((s) => s.repeat(2000)),
);

describe(`fuzzing every public input (${testDbKind})`, () => {
  let app: Awaited<ReturnType<typeof useAppTestDatabase>>;
  const db = () => app.handle.db;
  let reference: string;
  const tally: Record<string, Record<string, number>> = {};
  const note = (entry: string, outcome: string) => {
    tally[entry] ??= {};
    tally[entry][outcome] = (tally[entry][outcome] ?? 0) + 1;
  };

  /** Row counts of every table an input could write to. */
  const fingerprint = async () => {
    const tables = { reports, reportEvents, reportFollowers, reportPhotos, outboxMessages, rateLimits };
    const counts: Record<string, number> = {};
    for (const [name, table] of Object.entries(tables)) counts[name] = (await db().select({ n: count() }).from(table))[0]!.n;
    return counts;
  };
  let before: Record<string, number>;

  beforeAll(async () => {
    app = await useAppTestDatabase();
    await seedBase(db());
    await seedDemo(db(), { count: 40, history: false });
    reference = (await db().select({ reference: reports.reference }).from(reports).limit(1))[0]!.reference;
    before = await fingerprint();
  });
  afterAll(async () => {
    console.log(`fuzz (${testDbKind}), ${RUNS} generated inputs per entry point:\n${JSON.stringify(tally, null, 1)}`);
    await app.cleanup();
  });

  /** A route handler's answer: never 5xx; a 4xx says why in French. */
  async function checkResponse(entry: string, response: Response) {
    note(entry, String(response.status));
    expect(response.status, entry).toBeLessThan(500);
    if (response.status >= 400) {
      const body = (await response.json()) as { message?: string };
      expect(body.message, entry).toMatch(FRENCH);
    }
  }

  const query = (params: Record<string, string>) =>
    Object.entries(params)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');

  it('GET /api/reports', async () => {
    const keys = fc.constantFrom('bbox', 'category', 'state', 'commune', 'page', 'after', 'limit', 'x');
    await fc.assert(
      fc.asyncProperty(fc.dictionary(keys, nasty, { minKeys: 1 }), async (params) => {
        await checkResponse('/api/reports', await reportsApi(new Request(`http://localhost/api/reports?${query(params)}`)));
      }),
      { numRuns: RUNS },
    );
  });

  it('GET /api/reports/nearby', async () => {
    const keys = fc.constantFrom('lat', 'lon', 'category', 'radius');
    await fc.assert(
      fc.asyncProperty(fc.dictionary(keys, nasty), async (params) => {
        await checkResponse(
          '/api/reports/nearby',
          await nearby(new Request(`http://localhost/api/reports/nearby?${query(params)}`)),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('GET /api/territory/locate', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('lat', 'lon', 'x'), nasty), async (params) => {
        await checkResponse(
          '/api/territory/locate',
          await locate(new Request(`http://localhost/api/territory/locate?${query(params)}`)),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('GET /api/geocode', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('q', 'limit'), nasty), async (params) => {
        await checkResponse('/api/geocode', await geocode(new Request(`http://localhost/api/geocode?${query(params)}`)));
      }),
      { numRuns: RUNS },
    );
  });

  it('GET /api/open-data/reports.csv and .geojson', async () => {
    const keys = fc.constantFrom('annee', 'etat', 'format', 'x');
    await fc.assert(
      fc.asyncProperty(fc.dictionary(keys, nasty), async (params) => {
        for (const [entry, handler] of [
          ['/api/open-data/reports.csv', openDataCsv],
          ['/api/open-data/reports.geojson', openDataGeoJson],
        ] as const) {
          const response = await handler(new Request(`http://localhost${entry}?${query(params)}`));
          await checkResponse(entry, response);
          // A download that started: leave it, as a client that hangs up would.
          if (response.ok) await response.body?.cancel();
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('GET /api/reports/<reference>/photos/<n>', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(nasty, fc.constant(reference)), nasty, async (ref, position) => {
        const response = await photo(new Request('http://localhost/'), { params: Promise.resolve({ reference: ref, position }) });
        await checkResponse('/api/reports/…/photos/…', response);
      }),
      { numRuns: RUNS },
    );
  });

  /** A page either renders or answers Next's « not found »; anything else thrown would be a 500. */
  async function checkPage(entry: string, render: () => Promise<unknown>) {
    try {
      await render();
      note(entry, 'rendered');
    } catch (error) {
      const digest = (error as { digest?: string }).digest ?? '';
      note(entry, digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;404') ? '404' : 'thrown');
      expect(digest, `${entry}: ${(error as Error).name}`).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
    }
  }

  it('the tracking pages /suivi/<reference> and /suivi/<reference>/acces/<token>', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(nasty, fc.constant(reference)), nasty, async (ref, token) => {
        await checkPage('/suivi/…', () => PublicReportPage({ params: Promise.resolve({ reference: ref }) }));
        await checkPage('/suivi/…/acces/…', () =>
          PrivateReportPage({ params: Promise.resolve({ reference: ref, token }), searchParams: Promise.resolve({}) }),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('the key figures page /chiffres-cles', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('annee', 'pole', 'du', 'au', 'canal'), nasty), async (params) => {
        await checkPage('/chiffres-cles', () => KeyFiguresPage({ searchParams: Promise.resolve(params) }));
      }),
      { numRuns: RUNS },
    );
  });

  it('the private link’s actions: reopen and erase', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(nasty, fc.constant(reference)), nasty, nasty, async (ref, token, reason) => {
        const reopened = await reopenReport(db(), ref, token, reason);
        const erased = await eraseContact(db(), ref, token);
        note('reopen / erase', `${reopened.ok}/${erased.ok}`);
        expect(reopened.ok).toBe(false);
        expect(erased.ok).toBe(false);
        expect(reopened.message).toMatch(FRENCH);
      }),
      { numRuns: RUNS },
    );
  });

  // A valid form, then one field made certainly wrong, and up to three more replaced by anything.
  const VALID: Record<string, string> = {
    idempotencyKey: 'fuzz-key-000000000001',
    category: 'voirie',
    description: 'Nid-de-poule profond devant l’école.',
    lon: '3.0819',
    lat: '45.7772',
    commune: '',
    address: '',
    name: 'Camille',
    email: 'camille@example.org',
    phone: '',
    postalAddress: '',
    noReply: '',
    website: '',
  };
  const WRONG: fc.Arbitrary<[string, string]> = fc.oneof(
    fc.tuple(fc.constant('lon'), fc.constantFrom('abc', '181', '-3.08', '', 'NaN', '1e309', '2.0')),
    fc.tuple(fc.constant('lat'), fc.constantFrom('abc', '91', '', '48.85', 'Infinity')),
    fc.tuple(fc.constant('category'), fc.constantFrom('piscine', '', '../voirie', 'VOIRIE', 'voirie\u0000')),
    fc.tuple(
      fc.constant('description'),
      fc.constantFrom(
        '',
        'court',
        '\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b',
        'x\u0000 description avec un nul',
        'a'.repeat(5001),
      ),
    ),
    fc.tuple(fc.constant('email'), fc.constantFrom('pas-une-adresse', '@', 'a@b', 'camille@exemple..fr')),
    fc.tuple(fc.constant('idempotencyKey'), fc.constantFrom('', 'x', '\u0000'.repeat(20), 'k'.repeat(500))),
    fc.tuple(fc.constant('website'), fc.constantFrom('http://spam.example')),
  );

  it('the report form (server action)', async () => {
    await fc.assert(
      fc.asyncProperty(
        WRONG,
        fc.dictionary(fc.constantFrom(...Object.keys(VALID), 'extra'), nasty, { maxKeys: 3 }),
        async ([field, wrong], noise) => {
          const raw = { ...VALID, ...noise, [field]: wrong };
          const outcome = await receiveReport(db(), raw, [], {
            ip: '198.51.100.77',
            channel: 'web',
            actor: { type: 'resident' },
          });
          note('report form', outcome.ok ? 'ACCEPTED' : outcome.fieldErrors ? 'field errors' : 'message');
          expect(outcome.ok, JSON.stringify(raw).slice(0, 300)).toBe(false);
          if (!outcome.ok) expect(outcome.message).toMatch(FRENCH);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the « même problème » form (server action)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('idempotencyKey', 'reference', 'name', 'email', 'postalAddress', 'noReply'), nasty),
        async (raw) => {
          const outcome = await receiveFollow(db(), { website: '', ...raw });
          note('follow form', outcome.ok ? 'ACCEPTED' : 'refused');
          expect(outcome.ok).toBe(false);
          if (!outcome.ok) expect(outcome.message).toMatch(FRENCH);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('left the database as it was', async () => {
    expect(await fingerprint()).toEqual(before);
  });
});
