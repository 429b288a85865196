import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, strictTransportSecurity, tileSource } from '@/lib/security-headers';

const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `));

describe('the Content-Security-Policy', () => {
  const base = { nonce: 'abc123==', isDevelopment: false, tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' };

  it('runs only scripts carrying the nonce, and no eval in production', () => {
    expect(directive(contentSecurityPolicy(base), 'script-src')).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
  });

  it('allows eval in development only (React’s development build uses it)', () => {
    expect(directive(contentSecurityPolicy({ ...base, isDevelopment: true }), 'script-src')).toContain("'unsafe-eval'");
  });

  it('lets images come from the tile server and nowhere else outside', () => {
    expect(directive(contentSecurityPolicy(base), 'img-src')).toBe("img-src 'self' data: blob: https://tile.openstreetmap.org");
    expect(directive(contentSecurityPolicy({ ...base, tileUrl: '' }), 'img-src')).toBe("img-src 'self' data: blob:");
  });

  it('refuses framing, plugins, a foreign base and foreign connections', () => {
    const policy = contentSecurityPolicy(base);
    for (const expected of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "connect-src 'self'"]) {
      expect(policy.split('; ')).toContain(expected);
    }
  });

  it('lets a sign-in form go on to the single sign-on issuer when one is configured', () => {
    expect(directive(contentSecurityPolicy(base), 'form-action')).toBe("form-action 'self'");
    expect(
      directive(contentSecurityPolicy({ ...base, oidcIssuer: 'https://sso.example.fr/realms/metropole' }), 'form-action'),
    ).toBe("form-action 'self' https://sso.example.fr");
  });
});

describe('the tile server as a CSP source', () => {
  it('turns a subdomain placeholder into a wildcard', () => {
    expect(tileSource('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toBe('https://*.tile.example.org');
  });

  it('keeps a port', () => {
    expect(tileSource('http://localhost:8080/tiles/{z}/{x}/{y}.png')).toBe('http://localhost:8080');
  });

  it('allows nothing for a template it cannot express', () => {
    expect(tileSource('')).toBeNull();
    expect(tileSource('/tiles/{z}/{x}/{y}.png')).toBeNull();
    expect(tileSource('https://tiles.{s}.example.org/{z}.png')).toBeNull();
  });
});

describe('HSTS', () => {
  it('is sent only when the site says it is served over HTTPS', () => {
    expect(strictTransportSecurity('https://proximcite.example.fr')).toBe('max-age=31536000; includeSubDomains');
    expect(strictTransportSecurity('http://localhost:3000')).toBeNull();
    expect(strictTransportSecurity(undefined)).toBeNull();
  });
});

describe('the nonce', () => {
  it('is new for every request and long enough not to be guessed', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    expect([...nonces].every((n) => /^[A-Za-z0-9+/]{22}==$/.test(n))).toBe(true);
  });
});
