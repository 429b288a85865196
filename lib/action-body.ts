// What a server action's body must look like before Next decodes it. Next answers a malformed one with a 500: busboy
// throws on a missing, wrong or cut boundary, JSON.parse on arguments that are no JSON, React's decoder overflows the
// stack on deep nesting and fails on a root that is no list or on a reference to a part the body lacks. proxy.ts refuses
// such bodies first with a 400 or a 413.

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
  return kind === 'fetch' ? checkArguments(new TextDecoder().decode(body), true) : null;
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
  const names: PartNames = {
    texts: new Set(parts.filter((part) => !part.isFile).map((part) => part.name)),
    files: new Set(parts.filter((part) => part.isFile).map((part) => part.name)),
  };
  for (const part of parts) {
    if (part.isFile || !isModelPartName(part.name)) continue;
    const problem = checkArguments(part.body.toString('utf8'), part === root, names);
    if (problem) return problem;
  }
  return null;
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

/** The names of a body's parts: React reads a model from a text part, a blob or a typed array from a file part. */
type PartNames = { texts: ReadonlySet<string>; files: ReadonlySet<string> };
/** A body that is no multipart is the arguments alone, which React reads as part 0. */
const TEXT_BODY: PartNames = { texts: new Set(['0']), files: new Set() };

/**
 * JSON, nested no deeper than MAX_NESTING, (for the root part) a list, and referring to no part the body lacks: the
 * arguments the action is called with.
 */
export function checkArguments(text: string, isRoot: boolean, parts: PartNames = TEXT_BODY): BodyProblem | null {
  if (nestsTooDeep(text)) return BODY_PROBLEMS.tooDeep;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return BODY_PROBLEMS.notJson;
  }
  if (isRoot && !Array.isArray(value)) return BODY_PROBLEMS.notList;
  return refersToMissingPart(value, parts) ? BODY_PROBLEMS.missingPart : null;
}

// The tags React's reply decoder (parseModelString) reads after « $ »: values and form fields that need no part (a
// promise or a stream whose part is missing decodes too, rejected or empty), and blobs and typed arrays read from a
// file part. Any other « $… » string (« $1 », « $Q1 », « $1:a ») is read from the text part its hexadecimal id names,
// and the whole decoding fails (« Connection closed ») when that part is missing.
const NEEDS_NO_PART = new Set(['$', '@', 'H', 'T', 'K', 'I', '-', 'N', 'u', 'D', 'n', 'R', 'r', 'X', 'x']);
const READS_A_FILE = new Set(['B', 'A', 'O', 'o', 'U', 'S', 's', 'L', 'l', 'G', 'g', 'M', 'm', 'V']);
const READS_A_MODEL = new Set(['Q', 'W', 'i', 'h']);

/** Whether a string of the arguments (keys are never read as references) names a part the body lacks. */
function refersToMissingPart(value: unknown, parts: PartNames): boolean {
  if (typeof value === 'string') {
    if (!value.startsWith('$') || NEEDS_NO_PART.has(value[1]!)) return false;
    const isFile = READS_A_FILE.has(value[1]!);
    // As React does: parseInt stops at a path (« 1:a ») and gives NaN for no digits, a part no body names.
    const id = parseInt(value.slice(isFile || READS_A_MODEL.has(value[1]!) ? 2 : 1), 16);
    return !(isFile ? parts.files : parts.texts).has(String(id));
  }
  return typeof value === 'object' && value !== null && Object.values(value).some((item) => refersToMissingPart(item, parts));
}

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
