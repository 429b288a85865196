import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@/db';
import { reports } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { createFreshDatabase, testDbKind } from '../helpers/database';

// Two app instances (two processes) over one PostgreSQL: the same form sent through both gives one report and the same
// reference to both; the rate limits are counted across instances; nothing acknowledged is missing.

type Outcome = { key: string; ok: boolean; reference: string | null; message: string | null };

describe.skipIf(testDbKind === 'pglite')('two app instances over one PostgreSQL', () => {
  let handle: DatabaseHandle;
  let url: string;
  let drop: () => Promise<void>;
  let dir: string;

  beforeAll(async () => {
    const fresh = await createFreshDatabase();
    if (fresh.config.kind !== 'postgres') throw new Error('expected PostgreSQL');
    url = fresh.config.url;
    drop = fresh.drop;
    handle = await openDatabase(fresh.config);
    await seedBase(handle.db);
    dir = await mkdtemp(path.join(tmpdir(), 'proximcite-instances-'));
  });
  afterAll(async () => {
    await handle.close();
    await drop();
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs one instance on its submissions; resolves with what each got back. */
  async function instance(name: string, submissions: { key: string; ip: string; email: string }[], env: Record<string, string>) {
    const file = path.join(dir, `${name}.json`);
    await writeFile(file, JSON.stringify(submissions));
    const child = spawn(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'tests/helpers/intake-instance.ts', file],
      {
        env: { ...process.env, DATABASE_URL: url, DATABASE_POOL_MAX: '4', DEMO_SEED: '0', ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, `instance ${name}`).toBe(0);
    const line = output.split('\n').find((l) => l.startsWith('['));
    return JSON.parse(line!) as Outcome[];
  }

  it('gives one report, and the same reference through both, for a form sent to each at once', async () => {
    const submissions = Array.from({ length: 30 }, (_, i) => ({
      key: `two-instances-same-${i}-${Date.now()}`,
      ip: `198.51.100.${i + 1}`,
      email: `personne.${i}@example.org`,
    }));
    const [a, b] = await Promise.all([instance('a', submissions, {}), instance('b', submissions, {})]);
    expect(a.every((o) => o.ok) && b.every((o) => o.ok)).toBe(true);
    for (let i = 0; i < submissions.length; i++) expect(b[i]!.reference).toBe(a[i]!.reference);
    const references = a.map((o) => o.reference!);
    const stored = await handle.db.select({ n: count() }).from(reports).where(inArray(reports.reference, references));
    console.log(
      `two instances: 30 forms sent through both at once → ${new Set(references).size} references, ${stored[0]!.n} reports stored`,
    );
    expect(new Set(references).size).toBe(30);
    expect(stored[0]!.n).toBe(30);
  }, 120_000);

  it('counts one sender’s reports across both instances against one limit', async () => {
    const ip = '203.0.113.200';
    const submissions = (side: string) =>
      Array.from({ length: 6 }, (_, i) => ({
        key: `two-instances-limit-${side}-${i}-${Date.now()}`,
        ip,
        email: `${side}.${i}@example.org`,
      }));
    const limits = { RATE_LIMIT_PER_IP: '5', RATE_LIMIT_PER_EMAIL: '100' };
    const [a, b] = await Promise.all([
      instance('limit-a', submissions('a'), limits),
      instance('limit-b', submissions('b'), limits),
    ]);
    const all = [...a, ...b];
    const accepted = all.filter((o) => o.ok);
    console.log(
      `two instances: 12 forms from one address, limit 5 → ${accepted.length} accepted, ${all.length - accepted.length} refused`,
    );
    expect(accepted).toHaveLength(5);
    expect(all.filter((o) => !o.ok).every((o) => /beaucoup de signalements/.test(o.message!))).toBe(true);
    const stored = await handle.db
      .select({ n: count() })
      .from(reports)
      .where(
        inArray(
          reports.reference,
          accepted.map((o) => o.reference!),
        ),
      );
    expect(stored[0]!.n).toBe(5);
  }, 120_000);
});
