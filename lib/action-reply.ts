// How React's reply decoder (react-server-dom's decodeReply, decodeReplyFromBusboy: a server action's arguments) reads
// the parts of a body, replayed on their JSON to find what makes it fail. Next answers every such failure with a 500.
// Read from next/dist/compiled/react-server-dom-turbopack/cjs/…-server.node.production.js (parseModelString,
// getOutlinedModel, reviveModel, resolveField), Next 16.4.6: change this file with Next.

/** React's default `arraySizeLimit`, which Next does not change: the items (and string characters) of one list tree. */
export const MAX_LIST_ITEMS = 1_000_000;
/** React's limit on a big integer's digits. */
const MAX_BIGINT_DIGITS = 300;

/** A part as the decoder meets it: a text part's JSON (parsed by the caller when its name is a number), or a file. */
export type ReplyPart = { name: string; isFile: boolean; size: number; json?: { value: unknown } };

export type ReplyFault =
  | 'missingPart'
  | 'laterPart'
  | 'badPath'
  | 'badCollection'
  | 'reusedPart'
  | 'badBigInt'
  | 'badTypedArray'
  | 'misplacedTemporary'
  | 'tooManyItems'
  | 'tooDeep';

// The tags React reads after « $ » (parseModelString). Any other « $… » string (« $1 », « $1:a », « $zz ») is a
// reference to a model part: its number in hexadecimal, then a path.
/** Values that need no part: escaped « $ », numbers, undefined, a date, a form's fields, a big integer, a temporary reference. */
const VALUES = new Set(['$', 'I', '-', 'N', 'u', 'H', 'D', 'K', 'n', 'T']);
const STREAMS = new Set(['R', 'r', 'X', 'x']);
/** Typed arrays, read from a file part, and their element size (a file of another length throws a RangeError). */
const TYPED_ARRAYS: Record<string, number> = { A: 1, O: 1, o: 1, U: 1, S: 2, s: 2, L: 4, l: 4, G: 4, g: 8, M: 8, m: 8, V: 1 };
/** The tags React decodes to an object: a date, form fields, a temporary reference, a promise, a blob, a server function… */
const OBJECTS = new Set(['D', 'K', 'T', '@', 'B', 'h', 'Q', 'W', 'i', ...STREAMS, ...Object.keys(TYPED_ARRAYS)]);

/** React's count of one list tree's items (`arrayRoot`): past the limit, once a list holds two items, it throws. */
type Items = { count: number; fork: boolean };
type Use = 'model' | 'h' | 'Q' | 'W' | 'i';
type ModelChunk = { kind: 'model'; value: unknown; items: Items; state: 'resolved' | 'initializing' | 'fulfilled' };
type Chunk =
  | ModelChunk
  | { kind: 'pending' } // a part still to come (streamed body), which a model reference cannot wait for
  | { kind: 'rejected' } // a part that never came (text body)
  | { kind: 'typed' } // a file read as a typed array: React keeps its number as a rejected part
  | { kind: 'stream' };

/** What a value of the arguments becomes once decoded, as far as the decoder's later checks need it. */
type Decoded =
  | { kind: 'plain'; value: object } // an array or an object of the JSON, which paths may walk
  | { kind: 'value'; isObject: boolean; isUndefined: boolean; length: number }
  | { kind: 'unknown' }; // a part React reads later (a cycle): never refused
const value = (isObject: boolean, length = 0, isUndefined = false): Decoded => ({ kind: 'value', isObject, isUndefined, length });
const UNKNOWN: Decoded = { kind: 'unknown' };

class Fault extends Error {
  constructor(readonly fault: ReplyFault) {
    super(fault);
  }
}

/** A part's number as React's resolveField reads a field's name (« S » for a stream's chunks): NaN for none. */
const numberOf = (name: string) => (name.startsWith('S') ? (name.length > 1 ? +name.slice(1) : NaN) : +name);

/**
 * What would make React fail on these parts: `isStreamed` for a multipart body, which React decodes as it arrives (a
 * reference to a part after the arguments fails), otherwise a text body, the arguments alone. The caller has checked
 * that a text part « 0 » (the arguments) exists, and that every text part named by a number is JSON.
 */
export function replyFault(parts: readonly ReplyPart[], isStreamed: boolean, maxDepth: number): ReplyFault | null {
  try {
    new Decoding(parts, isStreamed, maxDepth).run();
    return null;
  } catch (error) {
    if (error instanceof Fault) return error.fault;
    throw error;
  }
}

class Decoding {
  private readonly texts = new Map<string, ReplyPart>();
  private readonly files = new Map<string, ReplyPart>();
  /** Parts that come after the arguments: a reference to one of them fails, as it is not there yet. */
  private readonly laterTexts = new Set<string>();
  private readonly laterFiles = new Set<string>();
  private readonly chunks = new Map<number, Chunk>();
  /** The list each Map, Set or iterator was made of: React marks it, and refuses to make a second one of it. */
  private readonly consumed = new Set<object>();
  /** Lists that start a list tree (React's _rootArrayContexts). */
  private readonly trees = new WeakMap<object, Items>();
  private readonly decoded = new Map<string, Decoded>();
  private readonly decoding = new Set<string>();
  /** References to a part still being read (a cycle): React follows them once it is read, on its finished value. */
  private readonly waiting: { chunk: ModelChunk; path: string[]; use: Use }[] = [];
  private depth = 0;
  private readonly root: ReplyPart;
  private readonly rootAt: number;

  constructor(
    private readonly parts: readonly ReplyPart[],
    private readonly isStreamed: boolean,
    private readonly maxDepth: number,
  ) {
    this.rootAt = parts.findIndex((part) => part.name === '0' && !part.isFile);
    this.root = parts[this.rootAt]!;
    for (const [at, part] of parts.entries()) {
      if (at > this.rootAt && isStreamed) (part.isFile ? this.laterFiles : this.laterTexts).add(part.name);
      // Before the arguments, a later part of the same name replaces an earlier one, as in React's backing store.
      else (part.isFile ? this.files : this.texts).set(part.name, part);
    }
  }

  run() {
    // A text part that React takes for the arguments (« », « 00 », « S0 »…) before them: the real ones then fail.
    if (this.isStreamed && this.parts.slice(0, this.rootAt).some((part) => !part.isFile && numberOf(part.name) === 0)) {
      throw new Fault('reusedPart');
    }
    const root = this.modelChunk(this.root);
    this.chunks.set(0, root);
    this.initialize(root, 0);
    for (const { chunk, path, use } of this.waiting) this.follow(chunk, path, use, null);
    if (this.isStreamed) this.afterArguments();
  }

  /** The parts after the arguments: each one named by the number of a part React has already read fails. */
  private afterArguments() {
    for (const part of this.parts.slice(this.rootAt + 1)) {
      if (part.isFile) continue;
      const id = numberOf(part.name);
      const chunk = this.chunks.get(id);
      if (!chunk || chunk.kind === 'stream') continue; // kept for later, or a stream's next chunk
      if (chunk.kind !== 'pending') throw new Fault('reusedPart');
      this.chunks.set(id, this.modelChunk(part)); // the promise it resolves; a second one would fail
    }
  }

  private modelChunk(part: ReplyPart): ModelChunk {
    return { kind: 'model', value: part.json?.value, items: { count: 0, fork: false }, state: 'resolved' };
  }

  private chunk(id: number): Chunk {
    const known = this.chunks.get(id);
    if (known) return known;
    const part = this.texts.get(String(id));
    const chunk: Chunk = part ? this.modelChunk(part) : { kind: this.isStreamed ? 'pending' : 'rejected' };
    this.chunks.set(id, chunk);
    return chunk;
  }

  private initialize(chunk: ModelChunk, id: number) {
    chunk.state = 'initializing';
    // A part that is no list or object (« "$2" ») is a level too: a chain of them would recurse as deep.
    const isLevel = typeof chunk.value !== 'object' || chunk.value === null;
    if (isLevel && ++this.depth > this.maxDepth) throw new Fault('tooDeep');
    this.revive(chunk.value, id.toString(16), chunk.items);
    if (isLevel) this.depth--;
    chunk.state = 'fulfilled';
  }

  /** React's reviveModel: lists share their tree's count, an object's values start afresh. */
  private revive(json: unknown, reference: string | undefined, items: Items | null) {
    if (typeof json === 'string') return this.reviveString(json, reference, items);
    if (typeof json !== 'object' || json === null) return;
    // Lists and objects, nested within a part and across the parts it refers to.
    if (++this.depth > this.maxDepth) throw new Fault('tooDeep');
    if (Array.isArray(json)) {
      let tree = items;
      if (!tree) this.trees.set(json, (tree = { count: 0, fork: false }));
      if (json.length > 1) tree.fork = true;
      this.count(tree, json.length + 1);
      json.forEach((item, i) => this.revive(item, reference === undefined ? undefined : `${reference}:${i}`, tree));
    } else {
      for (const [key, item] of Object.entries(json)) {
        // React deletes « __proto__ » keys; a key holding « : » leaves its values without a temporary reference path.
        if (key === '__proto__') continue;
        this.revive(item, reference !== undefined && !key.includes(':') ? `${reference}:${key}` : undefined, null);
      }
    }
    this.depth--;
  }

  private reviveString(text: string, reference: string | undefined, items: Items | null) {
    if (text[0] !== '$') return this.count(items, text.length);
    const tag = text[1] ?? '';
    const rest = text.slice(2);
    if (tag === '$') return this.count(items, text.length - 1);
    if (tag === 'T' && reference === undefined) throw new Fault('misplacedTemporary');
    if (tag === 'n') {
      if (rest.length > MAX_BIGINT_DIGITS || !isBigInt(rest)) throw new Fault('badBigInt');
      return this.count(items, rest.length);
    }
    if (VALUES.has(tag)) return;
    if (tag === '@') return void this.chunk(parseInt(rest, 16)); // a promise: read only if the action awaits it
    if (tag === 'B') {
      if (!this.files.has(String(parseInt(rest, 16)))) throw new Fault(this.laterOrMissing(rest, this.laterFiles));
      return;
    }
    if (Object.hasOwn(TYPED_ARRAYS, tag)) return this.typedArray(rest, TYPED_ARRAYS[tag]!, items);
    if (STREAMS.has(tag)) {
      const id = parseInt(rest, 16);
      if (this.chunks.has(id)) throw new Fault('reusedPart');
      this.chunks.set(id, { kind: 'stream' });
      return;
    }
    if (tag === 'Q' || tag === 'W' || tag === 'i') return this.reference(rest, null, tag);
    if (tag === 'h') return this.reference(rest, null, 'h');
    this.reference(text.slice(1), items, 'model');
  }

  private typedArray(rest: string, elementSize: number, items: Items | null) {
    const id = parseInt(rest, 16);
    if (this.chunks.has(id)) throw new Fault('reusedPart');
    this.chunks.set(id, { kind: 'typed' });
    const file = this.files.get(String(id));
    if (!file) throw new Fault(this.laterOrMissing(rest, this.laterFiles));
    if (file.size % elementSize !== 0) throw new Fault('badTypedArray');
    this.count(items, file.size);
  }

  private laterOrMissing(idText: string, later: Set<string>): ReplyFault {
    return later.has(String(parseInt(idText, 16))) ? 'laterPart' : 'missingPart';
  }

  /** React's getOutlinedModel: the part, initialised on first use, then the path into it, then what is made of it. */
  private reference(reference: string, items: Items | null, use: Use) {
    const [head, ...path] = reference.split(':');
    const id = parseInt(head!, 16);
    const chunk = this.chunk(id);
    if (chunk.kind === 'pending' || chunk.kind === 'rejected') throw new Fault(this.laterOrMissing(head!, this.laterTexts));
    // A part already read as a typed array or a stream, read again as a model.
    if (chunk.kind === 'typed' || chunk.kind === 'stream') throw new Fault('reusedPart');
    if (chunk.state === 'resolved') this.initialize(chunk, id);
    if (chunk.state === 'initializing') this.waiting.push({ chunk, path, use });
    else this.follow(chunk, path, use, items);
  }

  private follow(chunk: ModelChunk, path: string[], use: Use, items: Items | null) {
    const walked = this.walk(chunk.value, chunk.items, path);
    if (walked === 'invalid') throw new Fault('badPath');
    const { decoded, tree, length } = walked;
    if (use === 'model') {
      if (tree) {
        if (tree.fork && items) items.fork = true;
        this.count(items, tree.count);
      } else if (length > 0) this.count(items, length);
    } else if (use !== 'h') this.collection(decoded, use);
  }

  /** A Map, Set or iterator is made of a list, once; a Map's entries must be objects. */
  private collection(decoded: Decoded, use: 'Q' | 'W' | 'i') {
    if (decoded.kind === 'unknown') return;
    if (decoded.kind !== 'plain' || !Array.isArray(decoded.value)) throw new Fault('badCollection');
    if (this.consumed.has(decoded.value)) throw new Fault('reusedPart');
    this.consumed.add(decoded.value);
    if (use !== 'Q') return;
    for (const entry of decoded.value) {
      const item = this.decode(entry);
      if (item.kind === 'value' && !item.isObject) throw new Fault('badCollection');
    }
  }

  /** A path (« $1:a:0 ») walked over the decoded values: each step an own key of a plain object or list. */
  private walk(json: unknown, items: Items, path: string[]) {
    let decoded = this.decode(json);
    let tree: Items | null = items;
    let length = 0;
    for (const key of path) {
      if (decoded.kind === 'unknown') break;
      if (decoded.kind !== 'plain' || key === '__proto__' || !Object.hasOwn(decoded.value, key)) return 'invalid';
      const next = this.decode((decoded.value as Record<string, unknown>)[key]);
      // A value decoded to undefined is deleted from its object (kept in a list).
      if (next.kind === 'value' && next.isUndefined && !Array.isArray(decoded.value)) return 'invalid';
      decoded = next;
      if (decoded.kind === 'plain' && Array.isArray(decoded.value)) {
        tree = this.trees.get(decoded.value) ?? tree;
        length = 0;
      } else {
        tree = null;
        length = decoded.kind === 'value' ? decoded.length : 0;
      }
    }
    return { decoded, tree, length };
  }

  /** What a JSON value of a part becomes, following references to other parts (already read by then). */
  private decode(json: unknown): Decoded {
    if (Array.isArray(json) || (typeof json === 'object' && json !== null)) return { kind: 'plain', value: json };
    if (typeof json !== 'string') return value(false);
    if (json[0] !== '$') return value(false, json.length);
    const tag = json[1] ?? '';
    if (tag === '$') return value(false, json.length - 1);
    if (tag === 'n') return value(false, json.length - 2);
    if (tag === 'u' || tag === 'H') return value(false, 0, true);
    if (tag === 'I' || tag === '-' || tag === 'N') return value(false);
    if (OBJECTS.has(tag)) return value(true);
    const reference = json.slice(1);
    const known = this.decoded.get(reference);
    if (known) return known;
    const [head, ...path] = reference.split(':');
    const chunk = this.chunks.get(parseInt(head!, 16));
    if (chunk?.kind !== 'model' || chunk.state !== 'fulfilled') return UNKNOWN;
    // A reference that leads back to itself: React walks it while its own place still holds null.
    if (this.decoding.has(reference)) return value(false);
    this.decoding.add(reference);
    const walked = this.walk(chunk.value, chunk.items, path);
    this.decoding.delete(reference);
    // Invalid only behind a cycle (the path was checked where the reference was read): its place holds null.
    const decoded = walked === 'invalid' ? value(false) : walked.decoded;
    this.decoded.set(reference, decoded);
    return decoded;
  }

  private count(items: Items | null, slots: number) {
    if (!items) return;
    items.count += slots;
    if (items.count > MAX_LIST_ITEMS && items.fork) throw new Fault('tooManyItems');
  }
}

/** Whether BigInt() reads the digits (decimal, signed, or 0x/0o/0b; spaces around), as React passes them to it. */
function isBigInt(digits: string): boolean {
  try {
    BigInt(digits);
    return true;
  } catch {
    return false;
  }
}
