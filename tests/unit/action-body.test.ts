import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTION_BODY_LIMIT,
  actionKind,
  BODY_PROBLEMS,
  checkActionRequest,
  checkArguments,
  checkMultipart,
  MAX_NESTING,
} from '@/lib/action-body';
import { MAX_LIST_ITEMS } from '@/lib/action-reply';
import { DECODABLE, multipartOf, UNDECODABLE, type ActionBody } from '../helpers/action-bodies';
import type { Decoding } from '../helpers/react-decode';
import { replyBody } from '../helpers/reply-arbitrary';

const URL_ = 'http://localhost/signaler';
const fetchAction = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request(URL_, { method: 'POST', headers: { 'next-action': 'a'.repeat(42), ...headers }, body });
const bytes = (text: string) => new TextEncoder().encode(text);

/** A reply as React's encodeReply sends it with a form: the arguments in part « 0 », the form's fields prefixed. */
function reply(): FormData {
  const form = new FormData();
  form.append('_1_description', 'Nid-de-poule devant l’école');
  form.append('_1_photos', new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }), 'photo.jpg');
  form.append('0', '[{"message":"x","fieldErrors":{"email":["…"]}},"$K1"]');
  return form;
}
const BLOB = new Blob([new Uint8Array([1, 2, 3, 4])]);
/** A body's parts in the order given: React sends the parts the arguments refer to first, the arguments last. */
function formOf(entries: readonly (readonly [string, string | Blob])[]): FormData {
  const form = new FormData();
  for (const [name, value] of entries) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, 'blob');
  }
  return form;
}
/** The exact bytes and content type a client sends for a FormData (undici's serialisation, as browsers do). */
async function serialised(form: FormData): Promise<{ contentType: string; body: Uint8Array<ArrayBuffer> }> {
  const request = new Request(URL_, { method: 'POST', body: form });
  return { contentType: request.headers.get('content-type')!, body: new Uint8Array(await request.arrayBuffer()) };
}

describe('which requests are server action posts', () => {
  it('takes a POST with a next-action header as a fetch action, whatever its type', () => {
    expect(actionKind(fetchAction('[]'))).toBe('fetch');
  });

  it('takes a multipart POST to a page as a form action, one to a route handler or any GET as none', () => {
    const form = (url: string, method = 'POST') =>
      new Request(url, { method, headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect(actionKind(form(URL_))).toBe('form');
    expect(actionKind(form('http://localhost/api/auth/callback/credentials'))).toBeNull();
    expect(actionKind(form(URL_, 'GET'))).toBeNull();
    const signIn = new Request('http://localhost/api/auth/signin', { method: 'POST', body: new URLSearchParams({ a: '1' }) });
    expect(actionKind(signIn)).toBeNull();
  });
});

describe('a multipart body', () => {
  it('refuses a content type without a boundary', () => {
    expect(checkMultipart('multipart/form-data', bytes('--x\r\n'), true)).toBe(BODY_PROBLEMS.noBoundary);
  });

  it('refuses a body cut short, or framed by another boundary than its header says', async () => {
    const { contentType, body } = await serialised(reply());
    expect(checkMultipart(contentType, body.subarray(0, body.length - 10), true)).toBe(BODY_PROBLEMS.cut);
    expect(checkMultipart(contentType, body.subarray(0, 40), true)).toBe(BODY_PROBLEMS.cut);
    expect(checkMultipart('multipart/form-data; boundary=other', body, true)).toBe(BODY_PROBLEMS.cut);
    expect(checkMultipart(contentType, bytes('hello'), true)).toBe(BODY_PROBLEMS.cut);
  });

  it('refuses a fetch action without its arguments, or with arguments that are no JSON list', async () => {
    const without = new FormData();
    without.append('_1_description', 'texte');
    const notJson = reply();
    notJson.set('0', 'pas du JSON');
    const notList = reply();
    notList.set('0', '{"a":1}');
    const deepPart = reply();
    deepPart.append('1', '['.repeat(5000) + ']'.repeat(5000));
    for (const [form, problem] of [
      [without, BODY_PROBLEMS.noArguments],
      [notJson, BODY_PROBLEMS.notJson],
      [notList, BODY_PROBLEMS.notList],
      [deepPart, BODY_PROBLEMS.tooDeep],
    ] as const) {
      const { contentType, body } = await serialised(form);
      expect(checkMultipart(contentType, body, true)).toBe(problem);
    }
  });

  it('refuses a fetch action whose arguments refer to a part it lacks, or to a part of the wrong kind', async () => {
    for (const [what, entries] of [
      ['no part 1', [['0', '[{},"$1"]']]],
      [
        'part 1 refers to a missing part 2',
        [
          ['1', '{"a":"$Q2"}'],
          ['0', '[{},"$1"]'],
        ],
      ],
      [
        'a blob read from a text part',
        [
          ['1', '"texte"'],
          ['0', '[{},"$B1"]'],
        ],
      ],
      [
        'a field that only resembles part 1',
        [
          ['_1', '{}'],
          ['0', '[{},"$1"]'],
        ],
      ],
    ] as const) {
      const { contentType, body } = await serialised(formOf(entries));
      expect(checkMultipart(contentType, body, true), what).toBe(BODY_PROBLEMS.missingPart);
    }
  });

  it('refuses references to a part sent after the arguments, which React decodes as soon as they arrive', async () => {
    for (const [what, entries] of [
      [
        'a model',
        [
          ['0', '[{},"$1"]'],
          ['1', '{}'],
        ],
      ],
      [
        'a Map',
        [
          ['0', '[{},"$Q1"]'],
          ['1', '[]'],
        ],
      ],
      [
        'a model a part refers to',
        [
          ['1', '{"a":"$2"}'],
          ['0', '[{},"$1"]'],
          ['2', '{}'],
        ],
      ],
      [
        'a blob',
        [
          ['0', '[{},"$B1"]'],
          ['1', BLOB],
        ],
      ],
      [
        'a typed array',
        [
          ['0', '[{},"$o1"]'],
          ['1', BLOB],
        ],
      ],
    ] as const) {
      const { contentType, body } = await serialised(formOf(entries));
      expect(checkMultipart(contentType, body, true), what).toBe(BODY_PROBLEMS.laterPart);
    }
  });

  it('passes references to the parts a body holds: models by hexadecimal id and path, blobs from files', async () => {
    const { contentType, body } = await serialised(
      formOf([
        ['1', '{"a":{"b":1}}'],
        ['10', '[["clé","valeur"]]'],
        ['2', BLOB],
        ['_3_description', 'texte'],
        ['0', '[{},"$1:a","$Qa","$B2","$K3"]'],
      ]),
    );
    expect(checkMultipart(contentType, body, true)).toBeNull();
  });

  it('passes a promise’s part sent after the arguments, as React sends a promise resolved later', async () => {
    const { contentType, body } = await serialised(
      formOf([
        ['0', '[{},"$@1"]'],
        ['1', '{"a":1}'],
      ]),
    );
    expect(checkMultipart(contentType, body, true)).toBeNull();
  });

  it('passes a whole form as clients send it, files and quoted boundary included', async () => {
    const { contentType, body } = await serialised(reply());
    expect(checkMultipart(contentType, body, true)).toBeNull();
    const boundary = /boundary=(.+)$/.exec(contentType)![1]!;
    expect(checkMultipart(`multipart/form-data; boundary="${boundary}"`, body, true)).toBeNull();
  });

  it('checks only the framing of a form posted without JavaScript, whose fields are no JSON', async () => {
    const form = new FormData();
    form.append('$ACTION_ID_abc', '');
    form.append('description', 'texte');
    const { contentType, body } = await serialised(form);
    expect(checkMultipart(contentType, body, false)).toBeNull();
    expect(checkMultipart(contentType, body.subarray(0, body.length - 4), false)).toBe(BODY_PROBLEMS.cut);
  });
});

describe('the arguments of a fetch action', () => {
  it('refuses text that is no JSON, JSON that is no list, and lists nested past the limit', () => {
    expect(checkArguments('not json')).toBe(BODY_PROBLEMS.notJson);
    expect(checkArguments('')).toBe(BODY_PROBLEMS.notJson);
    for (const root of ['{}', '5', '"x"', 'null']) expect(checkArguments(root), root).toBe(BODY_PROBLEMS.notList);
    expect(checkArguments('['.repeat(5000) + ']'.repeat(5000))).toBe(BODY_PROBLEMS.tooDeep);
    expect(checkArguments('['.repeat(MAX_NESTING + 1) + ']'.repeat(MAX_NESTING + 1))).toBe(BODY_PROBLEMS.tooDeep);
  });

  it('refuses arguments that refer to a part the body does not hold, where React’s decoder fails with a 500', () => {
    // React reads « $1 », « $Q1 » (a Map), « $W1 » (a Set), « $i1 », « $h1 » from part 1 (hexadecimal ids), « $B1 »
    // and typed arrays (« $o1 »…) from a file part; « $ » alone or « $zz » name no part it could ever find.
    for (const reference of ['$1', '$Q1', '$W1', '$i1', '$h1', '$B1', '$o1', '$a', '$1:a', '$', '$zz']) {
      const text = JSON.stringify([{}, reference]);
      expect(checkArguments(text), reference).toBe(BODY_PROBLEMS.missingPart);
    }
    expect(checkArguments('[{"nested":["$2"]}]')).toBe(BODY_PROBLEMS.missingPart);
    // Part 0 is the arguments themselves: React resolves a reference to it.
    expect(checkArguments('[{},"$0"]')).toBeNull();
  });

  it('passes references whose part React does not require: escaped dollars, values, form fields, promises, streams', () => {
    // A promise or a stream whose part is missing decodes (rejected, or empty): the action then refuses what it got.
    const values = ['$$1', '$K1', '$undefined', '$D2026-01-01T00:00:00.000Z', '$n12', '$Infinity', '$-0', '$NaN', '$T'];
    for (const value of [...values, '$@1', '$R1', '$X1']) {
      expect(checkArguments(JSON.stringify([{}, value])), value).toBeNull();
    }
    // Keys are never references.
    expect(checkArguments('[{"$1":"texte"}]')).toBeNull();
  });

  it('passes lists up to the nesting limit, and brackets inside strings do not count', () => {
    expect(checkArguments('['.repeat(MAX_NESTING) + ']'.repeat(MAX_NESTING))).toBeNull();
    expect(checkArguments(JSON.stringify(['['.repeat(500), '\\"[[[', { a: [1] }]))).toBeNull();
    expect(checkArguments('[{},"$K1"]')).toBeNull();
  });
});

describe('what React’s reply decoder reads', () => {
  /** The body as a client posts it to an action: multipart framed by a boundary, or text. */
  const request = (body: ActionBody) =>
    'text' in body
      ? fetchAction(body.text, { 'content-type': 'text/plain;charset=UTF-8' })
      : fetchAction(multipartOf(body.parts, 'B0undary'), { 'content-type': 'multipart/form-data; boundary=B0undary' });

  it('refuses what it fails on: paths it cannot walk, collections of no list, parts read twice or after the arguments, bad big integers', async () => {
    for (const body of UNDECODABLE) {
      expect(await checkActionRequest(request(body), 'fetch'), body.what).toBe(BODY_PROBLEMS[body.problem]);
    }
  });

  it('passes what it decodes, although no page of ours sends it: the action refuses it itself', async () => {
    for (const body of DECODABLE) expect(await checkActionRequest(request(body), 'fetch'), body.what).toBeNull();
  });

  it('refuses exactly the bodies React’s own decoder fails on, among 1,000 random ones', async () => {
    const random = fc.sample(replyBody, { seed: 11, numRuns: 1000 });
    const bodies = [...UNDECODABLE, ...DECODABLE, ...random];
    // React's server build, under the react-server condition, in a process of its own.
    const output = execFileSync(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'tests/helpers/react-decode.ts'],
      { input: JSON.stringify(bodies), maxBuffer: 1e8 },
    );
    const decodings = JSON.parse(output.toString('utf8')) as Decoding[];
    const verdicts = await Promise.all(
      bodies.map(async (body, i) => ({
        what: body.what.slice(0, 300),
        react: decodings[i],
        isRefused: (await checkActionRequest(request(body), 'fetch')) !== null,
      })),
    );
    expect(verdicts.slice(0, UNDECODABLE.length).filter((v) => v.react !== 'failed')).toEqual([]);
    expect(
      verdicts.slice(UNDECODABLE.length, UNDECODABLE.length + DECODABLE.length).filter((v) => v.react !== 'decoded'),
    ).toEqual([]);
    expect(verdicts.filter((v) => v.react === 'pending')).toEqual([]);
    expect(verdicts.filter((v) => v.isRefused !== (v.react === 'failed'))).toEqual([]);
    const failed = verdicts.filter((v) => v.react === 'failed').length;
    console.log(
      `React's decoder: ${failed} of ${bodies.length} bodies failed, all refused; ${bodies.length - failed} decoded, all passed`,
    );
  }, 120_000);

  it('counts the items of a tree of lists up to React’s limit, and texts in objects not at all', () => {
    const items = (n: number) => `[${Array(n).fill(0).join(',')}]`;
    // The root list's 2 slots and the inner list's n + 1.
    expect(checkArguments(`[${items(MAX_LIST_ITEMS - 3)}]`)).toBeNull();
    expect(checkArguments(`[0,${items(MAX_LIST_ITEMS - 4)}]`)).toBeNull();
    expect(checkArguments(`[0,${items(MAX_LIST_ITEMS - 3)}]`)).toBe(BODY_PROBLEMS.tooManyItems);
    // A list in an object starts a tree of its own.
    expect(checkArguments(`[0,{"a":${items(MAX_LIST_ITEMS - 1)}}]`)).toBeNull();
    expect(checkArguments(`[0,{"a":${items(MAX_LIST_ITEMS)}}]`)).toBe(BODY_PROBLEMS.tooManyItems);
    expect(checkArguments(`[0,{"a":"${'x'.repeat(MAX_LIST_ITEMS + 1)}"}]`)).toBeNull();
  });

  it('counts the levels nested through references, as in a single part', () => {
    const nested = (levels: number) => {
      const parts = Array.from(
        { length: levels - 1 },
        (_, i) => [String(i + 1), i === levels - 2 ? '[]' : `["$${(i + 2).toString(16)}"]`] as const,
      );
      return request({ what: '', parts: [...parts.reverse(), ['0', '["$1"]']] });
    };
    return Promise.all([
      expect(checkActionRequest(nested(MAX_NESTING), 'fetch')).resolves.toBeNull(),
      expect(checkActionRequest(nested(MAX_NESTING + 1), 'fetch')).resolves.toBe(BODY_PROBLEMS.tooDeep),
    ]);
  });
});

describe('a whole action request', () => {
  it('answers 413 past the actions’ limit, by the announced length or by the bytes read', async () => {
    const announced = fetchAction('[]', { 'content-length': String(ACTION_BODY_LIMIT + 1) });
    expect(await checkActionRequest(announced, 'fetch')).toBe(BODY_PROBLEMS.tooLarge);
    expect(BODY_PROBLEMS.tooLarge.status).toBe(413);
    expect(await checkActionRequest(fetchAction(`["${'a'.repeat(100)}"]`), 'fetch', 50)).toBe(BODY_PROBLEMS.tooLarge);
  });

  it('reads a text body as the arguments, whatever its content type', async () => {
    expect(await checkActionRequest(fetchAction('not json'), 'fetch')).toBe(BODY_PROBLEMS.notJson);
    // A text body is part 0 alone: any other part it names is missing.
    expect(await checkActionRequest(fetchAction('[{},"$1"]'), 'fetch')).toBe(BODY_PROBLEMS.missingPart);
    expect(await checkActionRequest(fetchAction('[]', { 'content-type': 'application/json' }), 'fetch')).toBeNull();
    expect(await checkActionRequest(fetchAction(null), 'fetch')).toBe(BODY_PROBLEMS.notJson);
    // Next answers this one itself, with a 404.
    const urlEncoded = fetchAction('%%%=&', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(await checkActionRequest(urlEncoded, 'fetch')).toBeNull();
  });

  it('checks a multipart body, and passes a whole one', async () => {
    expect(await checkActionRequest(fetchAction(reply()), 'fetch')).toBeNull();
    const { contentType, body } = await serialised(reply());
    const cut = fetchAction(body.subarray(0, 60), { 'content-type': contentType });
    expect(await checkActionRequest(cut, 'fetch')).toBe(BODY_PROBLEMS.cut);
  });

  it('says what is wrong in French, with a code for programs', () => {
    for (const problem of Object.values(BODY_PROBLEMS)) {
      expect(problem.message).toMatch(/^(Requête invalide : |Envoi trop volumineux)/);
      expect(problem.status === 413 ? 'payload_too_large' : 'bad_request').toBe(problem.error);
    }
  });
});

describe('the limits next.config.mjs gives Next', () => {
  const config = readFileSync(new URL('../../next.config.mjs', import.meta.url), 'utf8');
  const megabytes = (option: string) => Number(new RegExp(`${option}: '(\\d+)mb'`).exec(config)?.[1]) * 1024 * 1024;

  it('are the ones proxy.ts checks, and the proxy passes on a body whole up to them', () => {
    expect(megabytes('bodySizeLimit')).toBe(ACTION_BODY_LIMIT);
    expect(megabytes('proxyClientMaxBodySize')).toBeGreaterThan(ACTION_BODY_LIMIT);
  });
});
