import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashSender, hashToken, mailboxOf, trackingTokenFor } from '@/lib/reports/tokens';

// What `npm run test:mutation -- --mutate lib/reports/tokens.ts` found untested: the private link's secret and the
// spellings a sender could use to slip past the rate limit.

const SECRET = 'un-secret-de-test-assez-long-pour-hmac';

describe('trackingTokenFor', () => {
  it('gives the same link for the same form, and another for another form, purpose or secret', () => {
    const first = trackingTokenFor(SECRET, 'report', 'formulaire-0001-abcdef');
    expect(trackingTokenFor(SECRET, 'report', 'formulaire-0001-abcdef')).toEqual(first);
    expect(trackingTokenFor(SECRET, 'report', 'formulaire-0002-abcdef').token).not.toBe(first.token);
    expect(trackingTokenFor(SECRET, 'follow', 'formulaire-0001-abcdef').token).not.toBe(first.token);
    expect(trackingTokenFor(`${SECRET}-autre`, 'report', 'formulaire-0001-abcdef').token).not.toBe(first.token);
  });

  it('writes the link’s secret for a URL (256 bits, base64url) and stores only its SHA-256', () => {
    const { token, hash } = trackingTokenFor(SECRET, 'follow', 'formulaire-0003-abcdef');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashToken(token)).toBe(hash);
    expect(hash).not.toContain(token);
  });
});

describe('the sender the rate limit counts', () => {
  it('leaves a text without « @ » as it is, but for its case and spaces', () => {
    expect(mailboxOf(' Pas+Une+Adresse ')).toBe('pas+une+adresse');
  });

  it('counts one IP address whatever its case or surrounding spaces', () => {
    expect(hashSender('ip', ' 2001:DB8::1 ')).toBe(hashSender('ip', '2001:db8::1'));
    expect(hashSender('ip', '2001:db8::1')).not.toBe(hashSender('ip', '2001:db8::2'));
  });

  it('keeps an IP address and a mailbox apart, even spelled alike', () => {
    expect(hashSender('ip', 'a@b.fr')).not.toBe(hashSender('email', 'a@b.fr'));
    expect(hashSender('email', 'a@b.fr')).toMatch(/^email:[0-9a-f]{32}$/);
  });
});
