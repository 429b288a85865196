import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/reports/route';
import { closeDatabase } from '@/db';
import { testDbKind } from '../helpers/database';

// A file of its own: it points the app's one database client (getDatabase) at a server that does not answer, which
// would break any other test of the same file that ran after it.
describe(`reports API without its database (${testDbKind})`, () => {
  const saved = process.env.DATABASE_URL;
  beforeAll(async () => {
    await closeDatabase();
    process.env.DATABASE_URL = 'postgres://nobody@127.0.0.1:1/nowhere';
  });
  afterAll(async () => {
    await closeDatabase();
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  });

  it('answers 503 with a French message when the database is unreachable', async () => {
    const response = await GET(new Request('http://localhost/api/reports'));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: 'unavailable',
      message: expect.stringContaining('momentanément indisponible'),
    });
  });
});
