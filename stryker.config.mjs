// Mutation testing (StrykerJS + its Vitest runner) of the security-relevant modules: `npm run test:mutation`, or one
// module at a time with `npm run test:mutation -- --mutate lib/permissions.ts` (see README, Tests). Not part of
// `npm test`: a module takes minutes on two cores.

// The test files written for each module: its unit tests and the PGlite integration tests that drive it. A run of one
// module loads only these (vitest.mutation.config.ts), so that a mutant met while a module loads or a file sets up,
// which is run against every selected file, costs seconds, not minutes; the slow files that only pass through a module
// (fuzz, notifications) are left out. A run of every module loads all of them.
const unit = (name) => `tests/unit/${name}.test.ts`;
const integration = (name) => `tests/integration/${name}.test.ts`;

const TESTS_OF = {
  'lib/reports/follow-up.ts': [integration('report-follow-up'), integration('follow-up-mutants')],
  'lib/reports/intake.ts': [
    integration('report-intake'),
    integration('report-follow-up'),
    integration('staff-intake'),
    integration('intake-mutants'),
  ],
  'lib/reports/submit.ts': [
    integration('report-intake'),
    integration('report-follow-up'),
    integration('staff-intake'),
    integration('moderation'),
    integration('submit-mutants'),
  ],
  'lib/reports/queries.ts': [
    integration('report-intake'),
    integration('report-follow-up'),
    integration('api-nearby'),
    integration('staff-privacy'),
    integration('queries-mutants'),
    integration('moderation'),
  ],
  'lib/reports/listing.ts': [unit('listing-input'), integration('api-reports'), integration('listing-mutants')],
  'lib/reports/list-page.ts': [
    integration('listing-keyset'),
    integration('api-reports'),
    integration('moderation'),
    integration('list-page-mutants'),
  ],
  'lib/reports/tokens.ts': [
    unit('sender'),
    unit('tokens-mutants'),
    integration('report-intake'),
    integration('report-follow-up'),
  ],
  'lib/reports/input.ts': [unit('report-input'), unit('input-mutants'), integration('report-intake')],
  'lib/territory/locate.ts': [unit('locate'), unit('locate-input'), unit('locate-mutants'), integration('api-territory')],
  'lib/permissions.ts': [unit('permissions'), unit('permissions-mutants'), unit('transitions'), integration('staff-permissions')],
  'lib/reports/states.ts': [
    unit('transitions'),
    unit('report-rules'),
    unit('states-mutants'),
    integration('staff-commands'),
    integration('report-follow-up'),
    integration('states-mutants'),
  ],
};

// The modules named by `--mutate a.ts,b.ts` (or `-m`), without a mutation range (`a.ts:10-20`).
function modulesAsked(argv) {
  const at = argv.findIndex((arg) => arg === '--mutate' || arg === '-m' || arg.startsWith('--mutate='));
  if (at === -1) return Object.keys(TESTS_OF);
  const value = argv[at].startsWith('--mutate=') ? argv[at].slice('--mutate='.length) : (argv[at + 1] ?? '');
  return [...new Set(value.split(',').map((pattern) => pattern.replace(/:[\d:-]+$/, '')))];
}

const asked = modulesAsked(process.argv);
// A module outside the table (or a glob) is tested against every unit and PGlite integration test. Read by
// vitest.mutation.config.ts in the test runner processes, which inherit this environment; set by hand, it wins.
if (asked.every((module) => module in TESTS_OF) && !process.env.MUTATION_TEST_FILES) {
  process.env.MUTATION_TEST_FILES = [...new Set(asked.flatMap((module) => TESTS_OF[module]))].join(',');
}
// One report, and one incremental file, per module run: running another module does not overwrite them.
const name = asked.length === 1 ? asked[0].replace(/\.ts$/, '').replaceAll('/', '-') : 'all';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  mutate: Object.keys(TESTS_OF),
  concurrency: 2,
  // A mutant that makes a loop endless is a timeout (counted as detected): leave room for the database set-up of the
  // integration files on a busy shared machine (measured: over a minute), so that slowness is not read as a kill.
  timeoutMS: 120_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  incremental: true,
  incrementalFile: `reports/mutation/incremental/${name}.json`,
  ignorePatterns: ['.next', '.data', 'coverage', 'test-results', 'playwright-report', 'blob-report'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};

export default config;
