// Decodes server action bodies (JSON on stdin) with React's own reply decoder, the way Next's action handler does
// (next/dist/server/app-render/action-handler.js: decodeReply for a text body, busboy and decodeReplyFromBusboy for a
// multipart one), and prints how each ended: decoded, failed (Next's 500), or still pending. Run by
// tests/unit/action-body.test.ts in a process of its own: React's server build loads only under the react-server condition.
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { multipartOf, type ActionBody } from './action-bodies';

type Decoder = {
  createTemporaryReferenceSet: () => unknown;
  decodeReply: (body: string, manifest: object, options: object) => PromiseLike<unknown>;
  decodeReplyFromBusboy: (busboy: NodeJS.WritableStream, manifest: object, options: object) => PromiseLike<unknown>;
};
const require = createRequire(import.meta.url);
const react = require('next/dist/compiled/react-server-dom-turbopack/server.node') as Decoder;
const busboy = require('next/dist/compiled/busboy') as (options: object) => NodeJS.WritableStream;

export type Decoding = 'decoded' | 'failed' | 'pending';
const BOUNDARY = 'B0undary';

async function decode(body: ActionBody): Promise<Decoding> {
  // No action is registered: a body naming one ($h) fails, as an unknown action does in Next.
  const options = { temporaryReferences: react.createTemporaryReferenceSet() };
  let decoding: Promise<unknown>;
  if ('text' in body) decoding = Promise.resolve(react.decodeReply(body.text, {}, options));
  else {
    const parser = busboy({
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      defParamCharset: 'utf8',
      limits: { fieldSize: 32 * 1024 * 1024 },
    });
    const stream = Readable.from([Buffer.from(multipartOf(body.parts, BOUNDARY))]);
    decoding = Promise.all([pipeline(stream, parser), react.decodeReplyFromBusboy(parser, {}, options)]);
  }
  const ended = decoding.then(
    () => 'decoded' as const,
    () => 'failed' as const,
  );
  return Promise.race([ended, new Promise<Decoding>((resolve) => setTimeout(() => resolve('pending'), 1000).unref())]);
}

// A part React rejects that no one awaits (a promise argument) is no failure of the decoding.
process.on('unhandledRejection', () => {});

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const bodies = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ActionBody[];
const results: Decoding[] = [];
for (const body of bodies) results.push(await decode(body));
process.stdout.write(JSON.stringify(results));
