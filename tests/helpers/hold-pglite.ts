// Run as a separate process by the lock test: opens a PGlite folder and keeps it until killed.
import { openDatabase } from '../../db/index';

const dir = process.argv[2];
if (!dir) throw new Error('usage: hold-pglite.ts <dir>');
await openDatabase({ kind: 'pglite', dir });
process.stdout.write('ready\n');
setInterval(() => {}, 1_000);
