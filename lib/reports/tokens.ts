import { createHash, createHmac } from 'node:crypto';

// The private follow-up link carries a secret derived from the form's idempotency key: a double submission gets the
// same link back. Only its hash is stored, so the database alone reveals no link when the secret is kept outside it.
export function trackingTokenFor(
  secret: string,
  purpose: 'report' | 'follow',
  idempotencyKey: string,
): { token: string; hash: string } {
  const token = createHmac('sha256', secret).update(`${purpose}:${idempotencyKey}`).digest('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Rate-limit keys: the sender is counted, never stored in clear. */
export function hashSender(kind: 'ip' | 'email', value: string): string {
  return `${kind}:${createHash('sha256').update(value.trim().toLowerCase()).digest('hex').slice(0, 32)}`;
}
