import { afterAll } from 'vitest';

// Set up for every integration test file (vitest.config.ts): the app's log lines written while the file runs —
// refused forms, failing inserts, mail failures, sign-ins — are kept, and the file fails if one of them carries an
// e-mail address, a phone number or the name of a test reporter. The logger's promise, checked on the whole suite.

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
const PHONE = /\b0\d([ .]?\d\d){4}\b/;
const NAMES =
  /Dominique Privé|Camille Martin|Voisin Attentif|Alex Courrier|Première Personne|Seconde Personne|Essai Panne|Instance Test/;

const lines: string[] = [];
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString() : '';
    // Only the app's own structured lines (lib/log.ts); the tests' own printing is theirs.
    for (const line of text.split('\n')) if (line.startsWith('{"at":')) lines.push(line);
    return write(chunk, ...rest);
  }) as typeof stream.write;
}

afterAll(() => {
  const leaks = lines.filter((line) => EMAIL.test(line) || PHONE.test(line) || NAMES.test(line));
  if (leaks.length > 0) throw new Error(`personal data in ${leaks.length} log line(s), e.g. ${leaks[0]!.slice(0, 300)}`);
});
