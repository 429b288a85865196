import { log } from '@/lib/log';

// A real deployment must bring its own secrets: generated into the database (lib/secrets.ts), they would be readable
// by anyone holding a copy of it, and a placeholder copied from a guide is no secret at all. Checked at start-up
// (lib/demo/seed.ts, seedOnStartup), before any request; nothing here imports lib/env, so a value lib/env would reject
// is still named in one clear line rather than in a schema error.

export const REQUIRED_SECRETS = ['AUTH_SECRET', 'TRACKING_SECRET'] as const;
type SecretName = (typeof REQUIRED_SECRETS)[number];
type Problem = 'missing' | 'short' | 'placeholder';
export type SecretProblem = { variable: SecretName; problem: Problem };
export type SecretVerdict = { verdict: 'ok' | 'warn' | 'refuse'; problems: SecretProblem[] };

const MIN_LENGTH = 32;
// Words guides and examples put in place of a secret; a value made only of them (repeated, with digits or separators
// to reach the length) is one of them.
const PLACEHOLDER_WORDS = (
  'changeme change replace remplacer this with me my your votre mon secret secrets super password ' +
  'motdepasse passwd pass auth tracking token key cle example exemple sample test demo dev development ' +
  'default todo xxx proximcite nextauth random long string value here ici generate openssl rand base hex at ' +
  'least chars characters caracteres a to of the for au moins de un une prod production'
).split(' ');
// A short pattern repeated to the length (aaaa…, 1234567890123…, azertyazerty…) shows few distinct pairs of
// neighbours; a random value of 32 characters shows about 30 (base64 or hex alike).
const MIN_DISTINCT_PAIRS = 12;

/** Whether the letters split into placeholder words only (a word break, linear in the length: no regex backtracking). */
function isMadeOfPlaceholderWords(letters: string): boolean {
  const splitsAt = [true];
  for (let end = 1; end <= letters.length; end++) {
    splitsAt[end] = PLACEHOLDER_WORDS.some((word) => splitsAt[end - word.length] === true && letters.endsWith(word, end));
  }
  return splitsAt[letters.length] === true;
}

function isPlaceholder(value: string): boolean {
  const letters = value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  const pairs = new Set(Array.from({ length: value.length - 1 }, (_, i) => value.slice(i, i + 2)));
  // Six letters at least: a random hex value may hold only one or two, which could spell a word by chance.
  return (letters.length >= 6 && isMadeOfPlaceholderWords(letters)) || pairs.size < MIN_DISTINCT_PAIRS;
}

function problemOf(value: string | undefined): Problem | null {
  if (!value) return 'missing';
  if (value.length < MIN_LENGTH) return 'short';
  return isPlaceholder(value) ? 'placeholder' : null;
}

/**
 * Whether the server may start with these secrets. A production server on PostgreSQL (a real deployment) refuses a
 * missing, short or placeholder secret — but only warns with DEMO_SEED=1, a demonstration on PostgreSQL. Elsewhere
 * (development, tests, the embedded database) a missing secret is generated and kept in the database. A secret set
 * shorter than 32 characters is refused everywhere: lib/env rejects it in every mode.
 */
export function checkSecrets(env: Record<string, string | undefined>): SecretVerdict {
  const problems = REQUIRED_SECRETS.flatMap((variable) => {
    const problem = problemOf(env[variable]);
    return problem ? [{ variable, problem }] : [];
  });
  if (problems.length === 0) return { verdict: 'ok', problems };
  if (problems.some((p) => p.problem === 'short')) return { verdict: 'refuse', problems };
  const isDeployment = env.NODE_ENV === 'production' && Boolean(env.DATABASE_URL);
  if (!isDeployment) return { verdict: 'ok', problems: [] };
  return { verdict: env.DEMO_SEED === '1' ? 'warn' : 'refuse', problems };
}

const SAID: Record<Problem, { fr: string; en: string }> = {
  missing: { fr: 'absent', en: 'missing' },
  short: { fr: `plus court que ${MIN_LENGTH} caractères`, en: `shorter than ${MIN_LENGTH} characters` },
  placeholder: { fr: 'une valeur d’exemple', en: 'a placeholder' },
};

/** One sentence in French then English, naming each variable and what is wrong with it — never its value. */
export function describeSecretProblems({ verdict, problems }: SecretVerdict): string {
  const fr = problems.map((p) => `${p.variable} est ${SAID[p.problem].fr}`).join(', ');
  const en = problems.map((p) => `${p.variable} is ${SAID[p.problem].en}`).join(', ');
  const fix = 'openssl rand -base64 32';
  return verdict === 'refuse'
    ? `Démarrage refusé : ${fr} ; donnez une valeur aléatoire (${fix}). / Refusing to start: ${en}; set a random value (${fix}).`
    : `Secrets de démonstration (DEMO_SEED=1) : ${fr}. / Demo secrets (DEMO_SEED=1): ${en}.`;
}

/** At start-up: says what is wrong in one log line; false when the server must not serve. */
export function secretsAllowStartup(env: Record<string, string | undefined> = process.env): boolean {
  const result = checkSecrets(env);
  if (result.verdict === 'ok') return true;
  const fields = { message: describeSecretProblems(result), variables: result.problems.map((p) => p.variable) };
  if (result.verdict === 'warn') log.warn('startup.demo_secrets', fields);
  else log.error('startup.insecure_secrets', undefined, fields);
  return result.verdict === 'warn';
}
