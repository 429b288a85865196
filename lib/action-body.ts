import { replyFault, MAX_LIST_ITEMS, type ReplyFault, type ReplyPart } from './action-reply';

// What a server action's body must look like before Next decodes it. Next answers a malformed one with a 500: busboy
// throws on a missing, wrong or cut boundary, JSON.parse on arguments that are no JSON, React's decoder overflows the
// stack on deep nesting and fails on a root that is no list, or on references it cannot follow (lib/action-reply.ts).
// proxy.ts refuses such bodies first with a 400 or a 413.

/** next.config.mjs `serverActions.bodySizeLimit` ('32mb'): three 10 Mo photos and the form's text. */
export const ACTION_BODY_LIMIT = 32 * 1024 * 1024;
/** Far beyond any form's arguments (the report form's state nests 4 deep), far below what overflows React's decoder. */
export const MAX_NESTING = 64;

/**
 * What a form's action answers arguments Next decodes but no page of ours sends (a robot's `[null, 5]`): the action
 * receives them in place of its FormData, so it checks with isForm before reading a field.
 */
export const NOT_A_FORM =
  'Requête invalide : ce formulaire n’a pas été envoyé par une page du site. Rechargez la page et réessayez.';
export const isForm = (value: unknown): value is FormData => value instanceof FormData;

export type BodyProblem = { status: 400 | 413; error: 'bad_request' | 'payload_too_large'; message: string };

const invalid = (why: string): BodyProblem => ({ status: 400, error: 'bad_request', message: `Requête invalide : ${why}.` });

export const BODY_PROBLEMS = {
  tooLarge: {
    status: 413,
    error: 'payload_too_large',
    message: `Envoi trop volumineux : ${ACTION_BODY_LIMIT / 1024 / 1024} Mo au plus, photos comprises.`,
  },
  noBoundary: invalid('formulaire multipart sans délimiteur (boundary)'),
  cut: invalid('formulaire incomplet ou mal délimité'),
  noArguments: invalid('les arguments du formulaire manquent'),
  notJson: invalid('les arguments envoyés ne sont pas du JSON'),
  notList: invalid('les arguments envoyés ne forment pas une liste'),
  tooDeep: invalid(`données imbriquées sur plus de ${MAX_NESTING} niveaux`),
  missingPart: invalid('les arguments renvoient à une partie absente du formulaire'),
  laterPart: invalid('les arguments renvoient à une partie du formulaire envoyée après eux'),
  badPath: invalid('les arguments renvoient à une valeur que la partie du formulaire ne contient pas'),
  badCollection: invalid('une Map, un Set ou un itérateur des arguments n’est pas fait d’une liste valable'),
  reusedPart: invalid('les arguments lisent deux fois une partie du formulaire qui ne se lit qu’une fois'),
  badBigInt: invalid('un grand entier des arguments n’est pas un nombre entier de 300 chiffres au plus'),
  badTypedArray: invalid('un tableau typé des arguments n’a pas une taille multiple de celle de ses éléments'),
  misplacedTemporary: invalid('une référence temporaire des arguments est placée sous une clé contenant « : »'),
  tooManyItems: invalid(`les listes des arguments comptent plus de ${MAX_LIST_ITEMS.toLocaleString('fr-FR')} éléments`),
} as const satisfies Record<string, BodyProblem>;

/**
 * A POST that Next decodes as a server action: `fetch` when the page's script calls it (next-action header), `form`
 * when a form is posted without JavaScript (multipart to a page). Route handlers read their own bodies.
 */
export function actionKind(request: Request): 'fetch' | 'form' | null {
  if (request.method !== 'POST') return null;
  if (request.headers.has('next-action')) return 'fetch';
  const isMultipart = request.headers.get('content-type')?.toLowerCase().startsWith('multipart/form-data');
  return isMultipart && !new URL(request.url).pathname.startsWith('/api/') ? 'form' : null;
}

/** The problem with an action's body, or null when Next can decode it. Reads at most `limit` bytes of it. */
export async function checkActionRequest(
  request: Request,
  kind: 'fetch' | 'form',
  limit = ACTION_BODY_LIMIT,
): Promise<BodyProblem | null> {
  const contentType = request.headers.get('content-type') ?? '';
  // Next answers a URL-encoded fetch action itself (404), and decodes any other one that is no multipart as JSON.
  if (contentType === 'application/x-www-form-urlencoded') return null;
  if (Number(request.headers.get('content-length')) > limit) return BODY_PROBLEMS.tooLarge;
  const body = await readAtMost(request.body, limit);
  if (!body) return BODY_PROBLEMS.tooLarge;
  if (/^multipart\/form-data/i.test(contentType)) return checkMultipart(contentType, body, kind === 'fetch');
  return kind === 'fetch' ? checkArguments(new TextDecoder().decode(body)) : null;
}

/** The whole body, or null past `limit` bytes (a body without content-length, or one that lied about it). */
async function readAtMost(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | null> {
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}

/** Framing first (Next's busboy needs all of it), then, for a fetch action, the JSON parts React's decoder will read. */
export function checkMultipart(contentType: string, body: Uint8Array, isFetchAction: boolean): BodyProblem | null {
  const boundary = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  if (!boundary) return BODY_PROBLEMS.noBoundary;
  const parts = splitParts(Buffer.from(body.buffer, body.byteOffset, body.byteLength), boundary[1] ?? boundary[2]!);
  if (!parts) return BODY_PROBLEMS.cut;
  if (!isFetchAction) return null;
  // React's reply format: part « 0 » is the list of arguments; other parts named by a number (or S + number) are JSON
  // it may refer to. A form's own fields come prefixed (« _1_description ») and files carry a filename.
  const root = parts.find((part) => part.name === '0' && !part.isFile);
  if (!root) return BODY_PROBLEMS.noArguments;
  const reply: ReplyPart[] = [];
  for (const part of parts) {
    const entry: ReplyPart = { name: part.name, isFile: part.isFile, size: part.body.length };
    if (!part.isFile && isModelPartName(part.name)) {
      const parsed = parseModel(part.body.toString('utf8'));
      if ('problem' in parsed) return parsed.problem;
      if (part === root && !Array.isArray(parsed.value)) return BODY_PROBLEMS.notList;
      entry.json = parsed;
    }
    reply.push(entry);
  }
  return replyProblem(reply, true);
}

const isModelPartName = (name: string) => name.trim() !== '' && !Number.isNaN(Number(name.replace(/^S/, '')));

type Part = { name: string; isFile: boolean; body: Buffer };

/** The parts between `--boundary` delimiters, or null when the body does not start with one or never closes. */
function splitParts(body: Buffer, boundary: string): Part[] | null {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first delimiter opens the body (no CRLF before it); browsers send no preamble.
  if (!body.subarray(0, delimiter.length - 2).equals(delimiter.subarray(2))) return null;
  const parts: Part[] = [];
  let at = delimiter.length - 2;
  for (;;) {
    const after = body.subarray(at, at + 2).toString('latin1');
    if (after === '--') return parts;
    if (after !== '\r\n') return null;
    const headersEnd = body.indexOf('\r\n\r\n', at + 2, 'latin1');
    const next = body.indexOf(delimiter, at + 2);
    if (headersEnd === -1 || next === -1 || headersEnd > next) return null;
    const headers = body.subarray(at + 2, headersEnd).toString('utf8');
    parts.push({
      name: /\bname="([^"]*)"/i.exec(headers)?.[1] ?? '',
      isFile: /\bfilename\*?=/i.test(headers),
      body: body.subarray(headersEnd + 4, next),
    });
    at = next + delimiter.length;
  }
}

/**
 * Arguments sent as a text body (React's decodeReply reads it as part 0, alone): JSON, nested no deeper than
 * MAX_NESTING, a list, and decoded by React without failing.
 */
export function checkArguments(text: string): BodyProblem | null {
  const parsed = parseModel(text);
  if ('problem' in parsed) return parsed.problem;
  if (!Array.isArray(parsed.value)) return BODY_PROBLEMS.notList;
  return replyProblem([{ name: '0', isFile: false, size: text.length, json: parsed }], false);
}

/** A part's JSON, refused when it nests past MAX_NESTING (before anything recurses into it) or is no JSON. */
function parseModel(text: string): { value: unknown } | { problem: BodyProblem } {
  if (nestsTooDeep(text)) return { problem: BODY_PROBLEMS.tooDeep };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { problem: BODY_PROBLEMS.notJson };
  }
}

const replyProblem = (parts: ReplyPart[], isStreamed: boolean): BodyProblem | null => {
  const fault: ReplyFault | null = replyFault(parts, isStreamed, MAX_NESTING);
  return fault && BODY_PROBLEMS[fault];
};

/** Counts open brackets outside strings, without parsing: a deep body is refused before anything recurses into it. */
function nestsTooDeep(text: string): boolean {
  let depth = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isInString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) isInString = false;
    } else if (c === 0x22) isInString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_NESTING) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
