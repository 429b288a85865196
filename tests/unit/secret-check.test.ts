import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkSecrets, describeSecretProblems, secretsAllowStartup } from '@/lib/secret-check';

const random = () => randomBytes(32).toString('base64url');
const deployment = (secrets: Record<string, string | undefined>) => ({
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app@db.example/proximcite',
  AUTH_SECRET: random(),
  TRACKING_SECRET: random(),
  ...secrets,
});

/** The values .env.example gives these two variables: copying the file must not make a deployment start. */
function exampleValues(): Record<string, string> {
  const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
  return Object.fromEntries([...text.matchAll(/^(AUTH_SECRET|TRACKING_SECRET)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
}

describe('the secrets a production server starts with', () => {
  it('refuses a missing secret on a real deployment, naming the variable', () => {
    expect(checkSecrets(deployment({ AUTH_SECRET: undefined }))).toEqual({
      verdict: 'refuse',
      problems: [{ variable: 'AUTH_SECRET', problem: 'missing' }],
    });
    expect(checkSecrets(deployment({ TRACKING_SECRET: '' })).problems).toEqual([
      { variable: 'TRACKING_SECRET', problem: 'missing' },
    ]);
  });

  it('refuses the values .env.example holds', () => {
    const values = exampleValues();
    expect(Object.keys(values).sort()).toEqual(['AUTH_SECRET', 'TRACKING_SECRET']);
    expect(checkSecrets(deployment(values)).verdict).toBe('refuse');
  });

  it('refuses a secret shorter than 32 characters', () => {
    expect(checkSecrets(deployment({ TRACKING_SECRET: 'k3J9x!q' })).problems).toEqual([
      { variable: 'TRACKING_SECRET', problem: 'short' },
    ]);
  });

  it.each([
    'changeme'.repeat(4),
    'change-me-change-me-change-me-change-me',
    'secret'.repeat(6),
    'my-super-secret-password-1234567890',
    'CHANGE_THIS_TO_A_RANDOM_STRING_OF_32_CHARS',
    'votre-secret-ici-au-moins-32-caracteres',
    'a'.repeat(32),
    'abab'.repeat(8),
    '0'.repeat(64),
    '1234567890'.repeat(4),
    'azertyuiop'.repeat(4),
  ])('refuses the placeholder %s', (value) => {
    expect(checkSecrets(deployment({ AUTH_SECRET: value })).problems).toEqual([
      { variable: 'AUTH_SECRET', problem: 'placeholder' },
    ]);
  });

  it('accepts random secrets, whatever their encoding', () => {
    for (let i = 0; i < 500; i++) {
      const secrets = {
        AUTH_SECRET: randomBytes(32).toString(['base64', 'base64url', 'hex'][i % 3] as BufferEncoding),
        TRACKING_SECRET: randomBytes(16).toString('hex'),
      };
      expect(checkSecrets(deployment(secrets)), JSON.stringify(secrets)).toEqual({ verdict: 'ok', problems: [] });
    }
  });

  it('only warns for a demonstration on PostgreSQL (DEMO_SEED=1)', () => {
    const result = checkSecrets(deployment({ AUTH_SECRET: undefined, TRACKING_SECRET: 'changeme'.repeat(4), DEMO_SEED: '1' }));
    expect(result.verdict).toBe('warn');
    expect(result.problems.map((p) => p.variable)).toEqual(['AUTH_SECRET', 'TRACKING_SECRET']);
  });

  it('lets development, tests and the embedded database generate their own', () => {
    const missing = { AUTH_SECRET: undefined, TRACKING_SECRET: undefined };
    expect(checkSecrets(deployment({ ...missing, NODE_ENV: 'development' })).verdict).toBe('ok');
    expect(checkSecrets(deployment({ ...missing, NODE_ENV: 'test' })).verdict).toBe('ok');
    expect(checkSecrets(deployment({ ...missing, DATABASE_URL: '' })).verdict).toBe('ok');
    expect(checkSecrets(deployment({ AUTH_SECRET: 'changeme'.repeat(4), DATABASE_URL: undefined })).verdict).toBe('ok');
  });

  it('refuses a short secret in every mode, as the settings do', () => {
    expect(checkSecrets({ NODE_ENV: 'development', AUTH_SECRET: 'short' }).verdict).toBe('refuse');
    expect(checkSecrets(deployment({ AUTH_SECRET: 'short', DEMO_SEED: '1' })).verdict).toBe('refuse');
  });
});

describe('what the server says when it refuses', () => {
  afterEach(() => vi.restoreAllMocks());

  it('names the variable in French and English, never its value', () => {
    const value = 'changeme'.repeat(4);
    const message = describeSecretProblems(checkSecrets(deployment({ AUTH_SECRET: undefined, TRACKING_SECRET: value })));
    expect(message).toBe(
      'Démarrage refusé : AUTH_SECRET est absent, TRACKING_SECRET est une valeur d’exemple ; donnez une valeur aléatoire ' +
        '(openssl rand -base64 32). / Refusing to start: AUTH_SECRET is missing, TRACKING_SECRET is a placeholder; set a ' +
        'random value (openssl rand -base64 32).',
    );
  });

  it('stops the start-up with one log line that carries no secret', () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    const value = 'secret-secret-secret-secret-secret';
    expect(secretsAllowStartup(deployment({ TRACKING_SECRET: value }))).toBe(false);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 'error', event: 'startup.insecure_secrets', variables: ['TRACKING_SECRET'] });
    expect(entry.message).toContain('Refusing to start: TRACKING_SECRET is a placeholder');
    expect(lines[0]).not.toContain(value);
  });

  it('starts a demonstration with a warning', () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    expect(secretsAllowStartup(deployment({ AUTH_SECRET: undefined, DEMO_SEED: '1' }))).toBe(true);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', event: 'startup.demo_secrets' });
  });

  it('says nothing when all is well', () => {
    const write = vi.spyOn(process.stderr, 'write');
    expect(secretsAllowStartup(deployment({}))).toBe(true);
    expect(write).not.toHaveBeenCalled();
  });
});
