// Run as a separate process by the lock tests: opens a PGlite folder, optionally commits a row, and keeps the folder
// until killed.
import { openDatabase } from '../../db/index';
import { appSettings } from '../../db/schema';

const [dir, probe] = process.argv.slice(2);
if (!dir) throw new Error('usage: hold-pglite.ts <dir> [probe-value]');
const { db } = await openDatabase({ kind: 'pglite', dir });
if (probe) await db.insert(appSettings).values({ name: 'durability-probe', value: probe });
process.stdout.write('ready\n');
setInterval(() => {}, 1_000);
