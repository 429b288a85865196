import { expect, test } from './fixtures';

// Inputs no form sends, answered before the app's code runs: a 4xx in French, never a 500.

test('answers a malformed percent-encoding in a path with a French 400', async ({ request }) => {
  for (const path of ['/suivi/%', '/suivi/%E0%A4%A', '/suivi/PC-2026-000001/acces/%ZZ', '/api/reports/%/photos/0']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(400);
    expect(await response.text()).toContain('encodage invalide');
  }
});

test('refuses a server action posted from another site with a 403, not a 500', async ({ request }) => {
  const response = await request.post('/signaler', {
    headers: { 'next-action': '0'.repeat(42), origin: 'https://evil.example', 'content-type': 'text/plain;charset=UTF-8' },
    data: '[]',
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error).toBe('forbidden_origin');
});
