import fc from 'fast-check';
import type { ActionBody, BodyPart } from './action-bodies';

// Random server action bodies in React's reply format, made of the references that can go wrong: paths, collections,
// parts read twice or after the arguments, typed arrays, streams, promises, big integers, temporary references.

const REFERENCES = [
  '$1',
  '$2',
  '$3',
  '$1:a',
  '$1:0',
  '$2:0:1',
  '$3:length',
  '$2:a:b',
  '$0:0',
  '$0:1',
  '$0:0:a',
  '$1:__proto__',
  '$Q1',
  '$Q2',
  '$W1',
  '$W3',
  '$i2',
  '$Q1:a',
  '$@1',
  '$@2',
  '$R1',
  '$X2',
  '$r3',
  '$o4',
  '$S4',
  '$B4',
  '$A5',
  '$g5',
  '$B5',
  '$nxx',
  '$n12',
  '$n',
  '$T',
  '$undefined',
  '$D2026-01-01',
  '$$x',
  '$K9',
  '$',
  '$zz',
  '$H',
  '$I',
  'x',
];
const leaf = fc.oneof(fc.constantFrom(...REFERENCES), fc.integer({ min: 0, max: 2 }), fc.constant(null));
const { node } = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    leaf,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', '0', 'a:b'), tie('node'), { maxKeys: 2 }),
  ),
}));

const modelPart = fc
  .tuple(fc.constantFrom('1', '2', '3', '0', '00', 'S1', '_9_a'), node)
  .map(([name, value]): BodyPart => [name, JSON.stringify(value)]);
const filePart = fc
  .tuple(fc.constantFrom('4', '5', '1'), fc.integer({ min: 1, max: 9 }))
  .map(([name, size]): BodyPart => [name, { file: 'b'.repeat(size) }]);
const root = fc.array(node, { maxLength: 4 }).map((items) => JSON.stringify(items));

export const replyBody: fc.Arbitrary<ActionBody> = fc.oneof(
  root.map((text) => ({ what: text, text })),
  fc.tuple(fc.array(fc.oneof(modelPart, filePart), { maxLength: 5 }), root, fc.nat()).map(([parts, arguments_, at]) => {
    const all = [...parts];
    all.splice(at % (parts.length + 1), 0, ['0', arguments_]);
    return { what: JSON.stringify(all), parts: all };
  }),
);
