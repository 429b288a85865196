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

/** One mailbox, however it is spelled: case and a « +tag » (name+tag@ reaches name@) do not make a new sender. */
export function mailboxOf(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  return `${address.slice(0, at).split('+')[0]}${address.slice(at)}`;
}

/** Rate-limit keys: the sender is counted, never stored in clear. */
export function hashSender(kind: 'ip' | 'email', value: string): string {
  const counted = kind === 'email' ? mailboxOf(value) : value.trim().toLowerCase();
  return `${kind}:${createHash('sha256').update(counted).digest('hex').slice(0, 32)}`;
}
