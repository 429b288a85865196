// The app's one logger: a JSON line per event on stderr/stdout, with a level, an event name and fields. It never
// writes an error's message or stack (a failed query's message carries the query's parameters: names, e-mails,
// phones) — only the error's name and code, down its causes — and it masks any field whose name says it is personal.

type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

const PERSONAL = /name|mail|phone|address|token|password|secret|idempotency|reporter|contact|description|reason|text/i;

/** What may be said of an error: its kind and code, and those of its causes; never its words. */
export function describeError(error: unknown): Fields {
  const chain: Fields[] = [];
  for (let e = error as { name?: unknown; code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    chain.push({
      name: typeof e.name === 'string' ? e.name : typeof e,
      ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    });
    e = e.cause as typeof e;
  }
  return { error: chain[0] ?? { name: 'unknown' }, ...(chain.length > 1 ? { causes: chain.slice(1) } : {}) };
}

export function redact(fields: Fields): Fields {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [
      key,
      PERSONAL.test(key) ? '[masqué]' : value instanceof Error ? describeError(value) : value,
    ]),
  );
}

function write(level: Level, event: string, fields: Fields) {
  const line = JSON.stringify({ at: new Date().toISOString(), level, event, ...redact(fields) });
  if (level === 'error' || level === 'warn') process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const log = {
  debug: (event: string, fields: Fields = {}) => write('debug', event, fields),
  info: (event: string, fields: Fields = {}) => write('info', event, fields),
  warn: (event: string, fields: Fields = {}) => write('warn', event, fields),
  /** An error by its name and code only; extra fields are masked when personal. */
  error: (event: string, error?: unknown, fields: Fields = {}) =>
    write('error', event, { ...fields, ...(error === undefined ? {} : describeError(error)) }),
};
