import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: the SQL it writes is applied by db/migrate.ts on both PGlite and PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
  casing: 'snake_case',
});
