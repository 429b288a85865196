import type { BODY_PROBLEMS } from '@/lib/action-body';

// Server action bodies no page of ours sends, in React's reply format (lib/action-reply.ts): those React's decoder fails
// on, which Next answered with a 500 before proxy.ts refused them (each one posted to the production build of b0381e2),
// and those it decodes, which must reach the action. Shared by the unit tests of lib/action-body.ts and the e2e tests.

/** A text part, or a file part holding the given text. */
export type BodyPart = readonly [name: string, value: string | { file: string }];
/** Multipart parts in the order sent (React sends the parts the arguments refer to first, the arguments « 0 » last), or a text body. */
export type ActionBody = { what: string } & ({ parts: readonly BodyPart[] } | { text: string });

const arguments_ = (json: string): BodyPart => ['0', json];
const file = (text: string) => ({ file: text });
const LONG = 'x'.repeat(1_100_000);
const zeros = (n: number) => `[${Array(n).fill(0).join(',')}]`;
/** Parts 1 … n, each a list holding a reference to the next one (or the reference alone), the deepest sent first. */
const chain = (n: number, isBare = false): BodyPart[] =>
  Array.from({ length: n }, (_, i): BodyPart => {
    const next = `"$${(n - i + 1).toString(16)}"`;
    return [String(n - i), i === 0 ? '[]' : isBare ? next : `[${next}]`];
  });

export const UNDECODABLE: (ActionBody & { problem: keyof typeof BODY_PROBLEMS })[] = [
  // « Invalid reference »: a path React walks own key by own key, on plain objects and lists only.
  { what: 'a path into a number', problem: 'badPath', parts: [['1', '5'], arguments_('[{},"$1:b"]')] },
  { what: 'a path into a string', problem: 'badPath', parts: [['1', '"abc"'], arguments_('[{},"$1:b"]')] },
  { what: 'a path to a key the part lacks', problem: 'badPath', parts: [['1', '{}'], arguments_('[{},"$1:b"]')] },
  { what: 'a path past the end of a list', problem: 'badPath', parts: [['1', '[[1,2]]'], arguments_('[{},"$1:0:2"]')] },
  {
    what: 'a path to a value decoded as undefined (deleted from its object)',
    problem: 'badPath',
    parts: [['1', '{"a":"$undefined"}'], arguments_('[{},"$1:a"]')],
  },
  {
    what: 'a path through __proto__',
    problem: 'badPath',
    parts: [['1', '{"__proto__":{"a":1}}'], arguments_('[{},"$1:__proto__"]')],
  },
  { what: 'a path into the arguments past their end', problem: 'badPath', text: '[{},"$0:5"]' },
  { what: 'a path into the arguments to a key they lack', problem: 'badPath', text: '[{},"$0:0:a"]' },
  // « Invalid Map initializer » and the like: a Map, a Set or an iterator is made of a list; a Map's entries are objects.
  { what: 'a Map of an object', problem: 'badCollection', parts: [['1', '{}'], arguments_('[{},"$Q1"]')] },
  { what: 'a Map of a number', problem: 'badCollection', parts: [['1', '5'], arguments_('[{},"$Q1"]')] },
  { what: 'a Map of numbers', problem: 'badCollection', parts: [['1', '[1]'], arguments_('[{},"$Q1"]')] },
  { what: 'a Map of strings', problem: 'badCollection', parts: [['1', '["ab"]'], arguments_('[{},"$Q1"]')] },
  { what: 'a Map of null', problem: 'badCollection', parts: [['1', '[null]'], arguments_('[{},"$Q1"]')] },
  { what: 'a Set of an object', problem: 'badCollection', parts: [['1', '{}'], arguments_('[{},"$W1"]')] },
  { what: 'an iterator of an object', problem: 'badCollection', parts: [['1', '{}'], arguments_('[{},"$i1"]')] },
  // « Already initialized … », or a part resolved twice.
  { what: 'two Maps of one list', problem: 'reusedPart', parts: [['1', '[]'], arguments_('[{},"$Q1","$Q1"]')] },
  { what: 'a Map and a Set of one list', problem: 'reusedPart', parts: [['1', '[]'], arguments_('[{},"$Q1","$W1"]')] },
  { what: 'a typed array read twice', problem: 'reusedPart', parts: [['1', file('abcd')], arguments_('[{},"$o1","$o1"]')] },
  { what: 'a stream opened twice', problem: 'reusedPart', text: '[{},"$R1","$R1"]' },
  { what: 'a promise’s part then opened as a stream', problem: 'reusedPart', text: '[{},"$@1","$R1"]' },
  { what: 'the arguments sent twice', problem: 'reusedPart', parts: [arguments_('[{},"$K1"]'), arguments_('[{},"$K1"]')] },
  {
    what: 'a part React reads as the arguments before them',
    problem: 'reusedPart',
    parts: [['00', '[]'], arguments_('[{},"$K1"]')],
  },
  {
    what: 'a part sent again after the arguments read it',
    problem: 'reusedPart',
    parts: [['1', '{}'], arguments_('[{},"$1"]'), ['1', '{}']],
  },
  { what: 'a promise’s part sent twice', problem: 'reusedPart', parts: [arguments_('[{},"$@1"]'), ['1', '{}'], ['1', '{}']] },
  // « Invalid forward reference »: React decodes the arguments as soon as they arrive.
  { what: 'a part sent after the arguments', problem: 'laterPart', parts: [arguments_('[{},"$1"]'), ['1', '{}']] },
  { what: 'a Map’s part sent after the arguments', problem: 'laterPart', parts: [arguments_('[{},"$Q1"]'), ['1', '[]']] },
  { what: 'a blob sent after the arguments', problem: 'laterPart', parts: [arguments_('[{},"$B1"]'), ['1', file('abc')]] },
  // BigInt() throws a SyntaxError; React refuses more than 300 digits.
  { what: 'a big integer of letters', problem: 'badBigInt', text: '[{},"$nxx"]' },
  { what: 'a big integer with a decimal point', problem: 'badBigInt', text: '[{},"$n12.5"]' },
  { what: 'a big integer of 301 digits', problem: 'badBigInt', text: `[{},"$n${'1'.repeat(301)}"]` },
  // RangeError: the bytes do not divide into 2-byte elements.
  { what: 'an Int16Array of 3 bytes', problem: 'badTypedArray', parts: [['1', file('abc')], arguments_('[{},"$S1"]')] },
  // « Could not reference an opaque temporary reference »: React gives a value under such a key no path.
  { what: 'a temporary reference under a key holding « : »', problem: 'misplacedTemporary', text: '[{"a:b":"$T"}]' },
  // « Maximum array nesting exceeded »: 1,000,000 items and characters per tree of lists.
  { what: 'a list holding a text of 1.1 million characters', problem: 'tooManyItems', text: `[{},"${LONG}"]` },
  { what: 'two lists of 600,000 numbers', problem: 'tooManyItems', text: `[{},${zeros(600_000)},${zeros(600_000)}]` },
  // A stack overflow, past 64 levels nested through references.
  {
    what: 'arguments nested 5,000 deep through references',
    problem: 'tooDeep',
    parts: [...chain(5000), arguments_('[{},"$1"]')],
  },
  { what: 'a chain of 5,000 references', problem: 'tooDeep', parts: [...chain(5000, true), arguments_('[{},"$1"]')] },
];

export const DECODABLE: ActionBody[] = [
  { what: 'a path into a part', parts: [['1', '{"a":{"b":1}}'], arguments_('[{},"$1:a:b"]')] },
  { what: 'a path through a list, and a list’s length', parts: [['1', '[[1,2]]'], arguments_('[{},"$1:0:1","$1:0:length"]')] },
  {
    what: 'a path through a reference to another part',
    parts: [['2', '{"c":3}'], ['1', '{"a":"$2"}'], arguments_('[{},"$1:a:c"]')],
  },
  // React's encodeReply writes an object met twice as a path to where it first met it.
  { what: 'paths into the arguments themselves', text: '[{"a":{"b":1}},"$0:0","$0:0:a","$0:1"]' },
  {
    what: 'a Map of pairs and objects, a Set, an iterator',
    parts: [['1', '[["a",1],{"k":2},"$D2026-01-01"]'], ['2', '[1,"a",null]'], ['3', '[]'], arguments_('[{},"$Q1","$W2","$i3"]')],
  },
  { what: 'a Map reached by a path', parts: [['1', '{"a":[]}'], arguments_('[{},"$Q1:a"]')] },
  { what: 'a part that refers to itself', parts: [['1', '["$1"]'], arguments_('[{},"$1"]')] },
  { what: 'a promise whose part is sent after the arguments', parts: [arguments_('[{},"$@1"]'), ['1', '{}']] },
  { what: 'a part the arguments do not read, sent after them', parts: [arguments_('[{},"$K1"]'), ['1', '{}']] },
  { what: 'a stream, then a promise of the same number', text: '[{},"$R1","$@1"]' },
  { what: 'a blob read twice', parts: [['1', file('abc')], arguments_('[{},"$B1","$B1"]')] },
  {
    what: 'typed arrays whose sizes fit their elements',
    parts: [['1', file('abcd')], ['2', file('abc')], arguments_('[{},"$S1","$o2"]')],
  },
  { what: 'big integers', text: '[{},"$n123","$n-5","$n0x1f","$n"]' },
  {
    what: 'dates, numbers, escaped dollars, undefined and a temporary reference',
    text: '[{},"$T","$D2026-01-01T00:00:00.000Z","$Dgarbage","$undefined","$Infinity","$-0","$NaN","$$x","$H"]',
  },
  // Only lists count towards React's limit, and only once they hold two items.
  { what: 'a text of 1.1 million characters in an object', text: `[{"a":"${LONG}"}]` },
  { what: 'a text of 1.1 million characters alone in a list', text: `["${LONG}"]` },
  { what: 'arguments nested 60 deep through references', parts: [...chain(60), arguments_('[{},"$1"]')] },
];

/** A multipart body of `parts` in their order, framed by `boundary`. */
export function multipartOf(parts: readonly BodyPart[], boundary: string): string {
  return (
    parts
      .map(([name, value]) =>
        typeof value === 'string'
          ? `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
          : `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="blob"\r\n` +
            `Content-Type: application/octet-stream\r\n\r\n${value.file}\r\n`,
      )
      .join('') + `--${boundary}--\r\n`
  );
}
