import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKind } from '../helpers/database';

// The address service is the outside world: a stand-in speaking the api-adresse.data.gouv.fr format, on loopback.
let server: Server;
const asked: URL[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url!, 'http://stub');
    asked.push(url);
    if (url.searchParams.get('q') === 'panne') return void response.writeHead(500).end();
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [3.0819, 45.7772] },
            properties: { label: 'Place de Jaude 63000 Clermont-Ferrand' },
          },
          { type: 'Feature', geometry: { type: 'Point' }, properties: { label: 'sans coordonnées' } },
        ],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.GEOCODER_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const call = async (query: string) => {
  const { GET } = await import('@/app/api/geocode/route');
  const response = await GET(new Request(`http://localhost/api/geocode${query}`));
  return { status: response.status, body: await response.json() };
};

describe.runIf(testDbKind === 'pglite')('GET /api/geocode', () => {
  it('refuses a query shorter than 3 characters', async () => {
    expect(await call('?q=ab')).toEqual({
      status: 400,
      body: { error: 'invalid_query', message: expect.stringContaining('entre 3 et 200') },
    });
  });

  it('says so in French when the address service fails', async () => {
    const { status, body } = await call('?q=panne');
    expect(status).toBe(503);
    expect(body.message).toContain('placez le repère sur la carte');
  });

  it('returns the labelled points of the address service, biased to the Métropole', async () => {
    expect(await call('?q=place%20de%20jaude')).toEqual({
      status: 200,
      body: { results: [{ label: 'Place de Jaude 63000 Clermont-Ferrand', lon: 3.0819, lat: 45.7772 }] },
    });
    const last = asked.at(-1)!;
    expect([last.pathname, last.searchParams.get('q'), last.searchParams.get('limit'), last.searchParams.get('lat')]).toEqual([
      '/search/',
      'place de jaude',
      '5',
      '45.7772',
    ]);
  });
});
