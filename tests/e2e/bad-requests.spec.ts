import { readFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { BODY_PROBLEMS } from '@/lib/action-body';
import { DECODABLE, multipartOf, UNDECODABLE, type ActionBody } from '../helpers/action-bodies';
import { existingReference, expect, signIn, test } from './fixtures';

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

/** A server action's id in the build under test (tests/e2e/server.ts serves this folder's .next). */
function actionId(name: string): string {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { exportedName?: string }>;
  };
  const id = Object.entries(manifest.node).find(([, action]) => action.exportedName === name)?.[0];
  expect(id, `${name} in the build’s manifest`).toBeDefined();
  return id!;
}

const BOUNDARY = 'ProximCiteBoundary';
/** A multipart body framed by BOUNDARY, as React's encodeReply sends a form: arguments in « 0 », fields prefixed. */
const multipart = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('') + `--${BOUNDARY}--\r\n`;
const ARGUMENTS = { _1_description: 'Nid-de-poule', '0': '[{},"$K1"]' };
const DEEP = '['.repeat(5000) + ']'.repeat(5000);

test('answers a malformed server action body with a French 400, before Next’s decoding fails with a 500', async ({ request }) => {
  const whole = multipart(ARGUMENTS);
  const cases: [string, string, string][] = [
    ['multipart without boundary', 'multipart/form-data', whole],
    ['multipart with another boundary', 'multipart/form-data; boundary=Other', whole],
    ['multipart cut short', `multipart/form-data; boundary=${BOUNDARY}`, whole.slice(0, -20)],
    ['multipart with arguments nested 5,000 deep', `multipart/form-data; boundary=${BOUNDARY}`, multipart({ '0': DEEP })],
    ['arguments that are no JSON', 'text/plain;charset=UTF-8', 'not json'],
    ['arguments that are no list', 'text/plain;charset=UTF-8', '{}'],
    ['arguments nested 5,000 deep', 'text/plain;charset=UTF-8', DEEP],
    // React's decoder waits for part 1, then fails with « Connection closed ».
    [
      'multipart arguments that refer to a missing part',
      `multipart/form-data; boundary=${BOUNDARY}`,
      multipart({ '0': '[{},"$1"]' }),
    ],
    ['arguments that refer to a missing part', 'text/plain;charset=UTF-8', '[{},"$1"]'],
  ];
  const headers = { 'next-action': actionId('submitReport'), accept: 'text/x-component' };
  for (const [what, contentType, body] of cases) {
    const response = await request.post('/signaler', { headers: { ...headers, 'content-type': contentType }, data: body });
    expect(response.status(), what).toBe(400);
    const answer = await response.json();
    expect(answer.error, what).toBe('bad_request');
    expect(answer.message, what).toMatch(/^Requête invalide : /);
  }
});

/** Posts a body in React's reply format to the report form's action, as a page's script would. */
const postReply = (request: APIRequestContext, body: ActionBody) =>
  request.post('/signaler', {
    headers: {
      'next-action': actionId('submitReport'),
      accept: 'text/x-component',
      'content-type': 'text' in body ? 'text/plain;charset=UTF-8' : `multipart/form-data; boundary=${BOUNDARY}`,
    },
    data: 'text' in body ? body.text : multipartOf(body.parts, BOUNDARY),
  });

test('answers arguments React’s decoder fails on (paths, Maps of no list, parts read twice or too early, big integers…) with a French 400', async ({
  request,
}) => {
  // Each one answered 500 before lib/action-reply.ts (tests/helpers/action-bodies.ts).
  for (const body of UNDECODABLE) {
    const response = await postReply(request, body);
    expect(response.status(), body.what).toBe(400);
    const { error, message } = BODY_PROBLEMS[body.problem];
    expect(await response.json(), body.what).toEqual({ error, message });
  }
});

test('passes arguments React decodes to the action, which refuses what is no form itself', async ({ request }) => {
  for (const body of DECODABLE) {
    const response = await postReply(request, body);
    expect(response.status(), body.what).toBe(200);
    expect(await response.text(), body.what).not.toContain('indisponible');
  }
});

test('answers a server action body over the 32 Mo limit with a French 413', async ({ request }) => {
  const response = await request.post('/signaler', {
    headers: { 'next-action': actionId('submitReport'), 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    data: multipart({ ...ARGUMENTS, _1_padding: 'a'.repeat(33 * 1024 * 1024) }),
  });
  expect(response.status()).toBe(413);
  expect(await response.json()).toMatchObject({ error: 'payload_too_large', message: expect.stringContaining('32 Mo') });
});

test('answers a form posted without JavaScript but cut short with a French 400 page', async ({ request }) => {
  const response = await request.post('/signaler', {
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    data: multipart({ description: 'Nid-de-poule' }).slice(0, 40),
  });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain('Requête invalide');
});

test('passes a report form of 15 Mo whole to its action, which answers with its field errors', async ({ request }) => {
  // Over the 10 MB Next's proxy passes on by default (next.config.mjs raises it): a cut body failed with a 500.
  const form = new FormData();
  form.append('0', '[{},"$K1"]');
  form.append('_1_description', 'court');
  for (const name of ['un.jpg', 'deux.jpg']) form.append('_1_photos', new File([new Uint8Array(7.5 * 1024 * 1024)], name));
  const response = await request.post('/signaler', {
    headers: { 'next-action': actionId('submitReport'), accept: 'text/x-component' },
    multipart: form,
  });
  expect(response.status()).toBe(200);
  const text = await response.text();
  expect(text).toContain('Décrivez le problème en quelques mots');
});

/**
 * Posts each case's arguments to its action on its page, as a script would (JSON that Next decodes without fault), and
 * expects the action's own refusal: a 200 whose state says « Requête invalide », never « indisponible » nor a 500.
 */
async function expectRefusedAsNoForm(request: APIRequestContext, cases: [string, string, string][]) {
  for (const [action, path, body] of cases) {
    const response = await request.post(path, {
      headers: { 'next-action': actionId(action), accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8' },
      data: body,
    });
    const what = `${action} ${body}`;
    expect(response.status(), what).toBe(200);
    const text = await response.text();
    expect(text, what).toContain('Requête invalide : ce formulaire n’a pas été envoyé par une page du site.');
    expect(text, what).not.toContain('indisponible');
  }
}

test('refuses arguments of another shape than a form’s in French, not as « service indisponible »', async ({ request }) => {
  const reference = await existingReference(request);
  await expectRefusedAsNoForm(request, [
    ['submitReport', '/signaler', '[]'],
    ['submitReport', '/signaler', '["x"]'],
    ['submitReport', '/signaler', '[{}]'],
    ['submitReport', '/signaler', '[null,5]'],
    ['followReport', '/signaler', '[{},{}]'],
    ['reopenReportAction', `/suivi/${reference}/acces/x`, '[null,5]'],
    ['eraseContactAction', `/suivi/${reference}/acces/x`, '["x"]'],
  ]);
});

test('refuses sign-in arguments of another shape than a form’s in French, not with a 500', async ({ request }) => {
  await expectRefusedAsNoForm(
    request,
    ['[]', '["x"]', '[{}]', '[null,5]', '[{},{}]'].map((body) => ['signInAction', '/connexion', body]),
  );
});

test('refuses a signed-in agent’s arguments of another shape than a form’s in French, not as « service indisponible »', async ({
  page,
}) => {
  const reference = await existingReference(page.request);
  await signIn(page, 'admin');
  // One action per way staff actions run: the shared command runner (reports, letters), the mass action, the intake.
  await expectRefusedAsNoForm(page.request, [
    ['moveReportAction', `/gestion/signalements/${reference}`, '[null,5]'],
    ['addNoteAction', `/gestion/signalements/${reference}`, '[{}]'],
    ['massAction', '/gestion', '[null,5]'],
    ['massAction', '/gestion', '["x"]'],
    ['prepareBatchAction', '/gestion/courriers', '[{},{}]'],
    ['submitIntakeAction', '/gestion/nouveau', '[null,5]'],
    ['followForCallerAction', '/gestion/nouveau', '[]'],
  ]);
});
