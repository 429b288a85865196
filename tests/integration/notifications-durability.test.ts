import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, getDatabase, type Db } from '@/db';
import { outboxMessages } from '@/db/schema';
import { seedBase } from '@/db/seed';
import { deliverDue } from '@/lib/notifications/deliver';
import { createMailer } from '@/lib/notifications/mailer';
import { createFreshDatabase, testDbKind } from '../helpers/database';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp';
import { fileReport } from '../helpers/staff';

// Nothing acknowledged is lost: a worker killed with SIGKILL in the middle of a batch leaves its claims to lapse, and
// the next worker sends them; on PostgreSQL two workers at once never send the same message twice.

const GERZAT = '63164';

describe(`the outbox survives its worker (${testDbKind})`, () => {
  let smtp: SmtpReceiver;
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  const db = async (): Promise<Db> => (await getDatabase()).db;

  beforeAll(async () => {
    if (testDbKind === 'pglite') {
      // A folder, not memory: the worker runs in another process.
      const dir = await mkdtemp(path.join(tmpdir(), 'proximcite-outbox-'));
      env = { PGLITE_DIR: dir };
      drop = () => rm(dir, { recursive: true, force: true });
      delete process.env.DATABASE_URL;
      process.env.PGLITE_DIR = dir;
    } else {
      const fresh = await createFreshDatabase();
      if (fresh.config.kind !== 'postgres') throw new Error('expected PostgreSQL');
      env = { DATABASE_URL: fresh.config.url };
      drop = fresh.drop;
      process.env.DATABASE_URL = fresh.config.url;
    }
    (await import('@/lib/territory/queries')).invalidateLocator();
    await seedBase(await db());
    smtp = await startSmtpReceiver();
  });
  afterAll(async () => {
    await smtp.stop();
    await closeDatabase();
    await drop();
  });

  function startWorkerProcess(mode?: 'exit-when-idle'): ChildProcess & { sentCount: () => number } {
    const child = spawn(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'tests/helpers/outbox-worker.ts', smtp.url, ...(mode ? [mode] : [])],
      {
        env: { ...process.env, ...env, ...(env.PGLITE_DIR ? { DATABASE_URL: '' } : {}) },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return Object.assign(child, { sentCount: () => Number(/^sent (\d+)$/m.exec(output)?.[1] ?? NaN) });
  }

  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));

  async function fileReports(n: number) {
    const database = await db();
    const made: number[] = [];
    for (let i = 0; i < n; i++) made.push((await fileReport(database, GERZAT)).id);
    return made;
  }

  const outboxIdOf = (messageId: string | undefined) => Number(/\.(\d+)@proximcite>$/.exec(messageId ?? '')?.[1]);

  it('sends every message after the worker is killed with SIGKILL mid-batch, each at most twice', async () => {
    smtp.messages.length = 0;
    const made = await fileReports(30);
    const database = await db();
    // This test's own messages: the tests of this file run in any order.
    const ids = (
      await database.select({ id: outboxMessages.id }).from(outboxMessages).where(inArray(outboxMessages.reportId, made))
    ).map((r) => r.id);
    expect(ids).toHaveLength(30);
    // PGlite is one process's: the worker process takes the folder over.
    if (testDbKind === 'pglite') await closeDatabase();
    smtp.delayMs = 120;
    const child = startWorkerProcess();
    await smtp.waitFor(8, 60_000);
    child.kill('SIGKILL');
    await exited(child);
    smtp.delayMs = 0;
    const beforeRestart = smtp.messages.length;

    // The next worker, ten minutes later (the dead worker's claims have lapsed), in this process.
    const again = await db();
    const mailer = createMailer({
      smtpUrl: smtp.url,
      from: 'Proxim’Cité <ne-pas-repondre@proximcite.example>',
      dir: '/nonexistent',
    });
    const later = new Date(Date.now() + 10 * 60_000);
    for (let round = 0; round < 20; round++) {
      if ((await deliverDue(again, mailer, { now: () => later })).claimed === 0) break;
    }
    mailer.close();

    const received = smtp.messages.map((m) => outboxIdOf(m.messageId));
    const copies = new Map<number, number>();
    for (const id of received) copies.set(id, (copies.get(id) ?? 0) + 1);
    const duplicates = [...copies.values()].filter((n) => n > 1).length;
    console.log(
      `outbox kill -9 (${testDbKind}): queued ${ids.length}, received before the kill ${beforeRestart}, received in all ${received.length}, distinct ${copies.size}, sent twice ${duplicates}`,
    );
    expect([...copies.keys()].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    // Only the message in flight when the worker died may arrive twice (the worker sends one at a time).
    expect(duplicates).toBeLessThanOrEqual(1);
    const [left] = await again.select({ n: count() }).from(outboxMessages).where(eq(outboxMessages.status, 'pending'));
    expect(left!.n).toBe(0);
  }, 120_000);

  it.skipIf(testDbKind === 'pglite')(
    'never sends a message twice with two workers at once (PostgreSQL)',
    async () => {
      smtp.messages.length = 0;
      await fileReports(40);
      const database = await db();
      const pending = await database
        .select({ id: outboxMessages.id })
        .from(outboxMessages)
        .where(eq(outboxMessages.status, 'pending'));
      expect(pending).toHaveLength(40);
      // Slow enough that both workers are at it together (each needs a few seconds to start).
      smtp.delayMs = 150;
      const workers = [startWorkerProcess('exit-when-idle'), startWorkerProcess('exit-when-idle')];
      expect(await Promise.all(workers.map(exited))).toEqual([0, 0]);
      const received = smtp.messages.map((m) => outboxIdOf(m.messageId));
      const shares = workers.map((w) => w.sentCount());
      console.log(
        `outbox two workers (postgres): queued 40, received ${received.length}, distinct ${new Set(received).size}, sent by each ${shares.join(' + ')}`,
      );
      // Both took part: the claim, not luck, kept them apart.
      expect(shares.every((n) => n > 0)).toBe(true);
      expect(shares[0]! + shares[1]!).toBe(40);
      expect(received.sort((a, b) => a - b)).toEqual(pending.map((p) => p.id).sort((a, b) => a - b));
    },
    120_000,
  );
});
