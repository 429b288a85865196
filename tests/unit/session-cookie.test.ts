import { describe, expect, it } from 'vitest';
import { hasSessionCookie } from '@/lib/staff/session-cookie';

const cookie = (name: string, value = 'eyJhbGciOiJkaXIi') => ({ name, value });

describe('hasSessionCookie', () => {
  it('finds no session without cookies, with Auth.js’s other cookies, or with an emptied session cookie', () => {
    expect(hasSessionCookie([])).toBe(false);
    expect(
      hasSessionCookie([
        cookie('authjs.csrf-token'),
        cookie('__Host-authjs.csrf-token'),
        cookie('authjs.callback-url', 'http%3A%2F%2Flocalhost'),
        cookie('__Secure-authjs.callback-url'),
        cookie('session-token'),
        cookie('next-auth.session-token-x'),
      ]),
    ).toBe(false);
    expect(hasSessionCookie([cookie('authjs.session-token', '')])).toBe(false);
  });

  it('finds the session cookie on http and on https, whole or cut into chunks', () => {
    expect(hasSessionCookie([cookie('authjs.session-token')])).toBe(true);
    expect(hasSessionCookie([cookie('__Secure-authjs.session-token')])).toBe(true);
    expect(
      hasSessionCookie([cookie('authjs.csrf-token'), cookie('authjs.session-token.0'), cookie('authjs.session-token.1')]),
    ).toBe(true);
    expect(hasSessionCookie([cookie('__Secure-authjs.session-token.0', ''), cookie('__Secure-authjs.session-token.1')])).toBe(
      true,
    );
  });
});
