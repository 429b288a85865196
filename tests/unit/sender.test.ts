import { describe, expect, it } from 'vitest';
import { hashSender, mailboxOf } from '@/lib/reports/tokens';

describe('who the rate limit counts', () => {
  it('counts one mailbox whatever its case or « +tag »', () => {
    expect(mailboxOf(' Camille+essai3@Exemple.FR ')).toBe('camille@exemple.fr');
    expect(hashSender('email', 'camille+1@exemple.fr')).toBe(hashSender('email', 'Camille@exemple.fr'));
    expect(hashSender('email', 'camille@exemple.fr')).not.toBe(hashSender('email', 'camilla@exemple.fr'));
  });

  it('never keeps the address in clear', () => {
    expect(hashSender('email', 'camille@exemple.fr')).not.toContain('camille');
    expect(hashSender('ip', '203.0.113.7')).toMatch(/^ip:[0-9a-f]{32}$/);
  });
});
