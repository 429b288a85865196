import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from '@/lib/log';

// What a failed insert looks like from Drizzle: its message quotes the query's parameters.
class FakeQueryError extends Error {
  constructor(cause: unknown) {
    super('Failed query: insert into "reports" ...\nparams: Dominique Privé,dominique.prive@example.org,04 73 11 22 33');
    this.name = 'DrizzleQueryError';
    this.cause = cause;
  }
}

function captured(run: () => void): string {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
  try {
    run();
  } finally {
    spy.mockRestore();
    out.mockRestore();
  }
  return lines.join('');
}

describe('the log', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes an error by its name and codes, never its message with the query’s parameters', () => {
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    const line = captured(() => log.error('report_action.failed', new FakeQueryError(cause)));
    const entry = JSON.parse(line);
    expect(entry).toMatchObject({ level: 'error', event: 'report_action.failed', error: { name: 'DrizzleQueryError' } });
    expect(entry.causes).toEqual([{ name: 'Error', code: '22021' }]);
    for (const secret of ['Dominique', 'example.org', '04 73', 'params', 'insert into']) expect(line).not.toContain(secret);
  });

  it('masks fields whose names say they are personal', () => {
    const line = captured(() =>
      log.info('test', { reporterName: 'Dominique', email: 'a@example.org', postalAddress: '4 rue', userId: 12, token: 'x' }),
    );
    expect(JSON.parse(line)).toMatchObject({
      reporterName: '[masqué]',
      email: '[masqué]',
      postalAddress: '[masqué]',
      token: '[masqué]',
      userId: 12,
    });
    expect(line).not.toContain('example.org');
  });
});
