import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneEmlFiles } from '@/lib/notifications/mailer';

// The e-mails written to files in the embedded setup hold names and addresses: the retention job deletes old ones.

describe('written e-mails past the retention period', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'proximcite-eml-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('deletes the .eml files older than the limit, and only them', async () => {
    const old = new Date('2025-01-10T12:00:00Z');
    for (const [name, at] of [
      ['00000001.eml', old],
      ['00000002.eml', new Date('2026-11-01T12:00:00Z')],
      ['notes.txt', old],
    ] as const) {
      const file = path.join(dir, name);
      await writeFile(file, 'To: camille@example.org\n');
      await utimes(file, at, at);
    }
    expect(await pruneEmlFiles(new Date('2025-11-29T00:00:00Z'), dir)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(['00000002.eml', 'notes.txt']);
    expect(await pruneEmlFiles(new Date('2025-11-29T00:00:00Z'), dir)).toBe(0);
    expect(await pruneEmlFiles(new Date(), path.join(dir, 'missing'))).toBe(0);
  });
});
