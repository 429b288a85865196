import { describe, expect, it } from 'vitest';
import { postalLines } from '@/lib/notifications/letter-data';
import { describeMailError } from '@/lib/notifications/mailer';
import type { MessageContext } from '@/lib/notifications/message-context';
import { composeMessage } from '@/lib/notifications/messages';
import { backoffMs, MAX_ATTEMPTS } from '@/lib/notifications/outbox';

// The e-mails' words, and the rules of the worker that do not need a database.

const context = (over: Partial<MessageContext> = {}): MessageContext => ({
  id: 7,
  kind: 'resolution',
  channel: 'email',
  report: {
    reference: 'PC-2026-000123',
    categoryName: 'Éclairage public',
    communeName: 'Gerzat',
    address: '4 rue Pasteur',
    lon: 3.1449,
    lat: 45.8246,
    channel: 'web',
    createdAt: new Date('2026-12-01T09:00:00Z'),
    dueAt: new Date('2026-12-03T09:00:00Z'),
    poleName: 'Pôle de proximité Nord',
    poleAddress: null,
  },
  event: {
    text: 'Lampe <script>alert(1)</script> remplacée & testée.',
    at: new Date('2026-12-02T10:00:00Z'),
    newPoleName: null,
    originalReference: null,
  },
  recipient: {
    isFollower: false,
    reference: 'PC-2026-000123',
    name: 'Camille <b>Martin</b>',
    email: 'camille@example.org',
    postalAddress: null,
    privateUrl: 'https://signalements.example/suivi/PC-2026-000123/acces/abc_DEF-123',
  },
  ...over,
});

describe('the e-mails', () => {
  it('escapes what people wrote in the HTML part, and keeps it as written in the text part', () => {
    const message = composeMessage(context());
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('Lampe &lt;script&gt;alert(1)&lt;/script&gt; remplacée &amp; testée.');
    expect(message.html).toContain('Bonjour Camille &lt;b&gt;Martin&lt;/b&gt;,');
    expect(message.text).toContain('Lampe <script>alert(1)</script> remplacée & testée.');
    expect(message.html).toContain('<html lang="fr">');
  });

  it('names each kind in its subject, with the reference', () => {
    const subjects = (
      ['acknowledgement', 'follow_acknowledgement', 'transfer', 'duplicate', 'reopening', 'resolution', 'rejection'] as const
    ).map((kind) => composeMessage(context({ kind })).subject);
    expect(subjects).toEqual([
      'Signalement PC-2026-000123 bien reçu — Proxim’Cité',
      'Vous suivez le signalement PC-2026-000123 — Proxim’Cité',
      'Signalement PC-2026-000123 confié à un autre pôle — Proxim’Cité',
      'Signalement PC-2026-000123 rattaché à un signalement identique — Proxim’Cité',
      'Signalement PC-2026-000123 rouvert — Proxim’Cité',
      'Signalement PC-2026-000123 résolu — Proxim’Cité',
      'Signalement PC-2026-000123 non retenu — Proxim’Cité',
    ]);
  });

  it('tells a duplicate’s reporter how their own report is linked, and gives their own private link', () => {
    const message = composeMessage(
      context({
        recipient: {
          ...context().recipient,
          reference: 'PC-2026-000456',
          privateUrl: 'https://x.example/suivi/PC-2026-000456/acces/t',
        },
      }),
    );
    expect(message.text).toContain('Votre signalement PC-2026-000456 décrit le même problème que le signalement PC-2026-000123');
    expect(message.text).toContain('https://x.example/suivi/PC-2026-000456/acces/t');
    expect(message.text).toContain('en rappelant la référence PC-2026-000456');
  });

  it('says « Bonjour, » to someone without a name, and offers no link when none can be rebuilt', () => {
    const message = composeMessage(
      context({ kind: 'acknowledgement', recipient: { ...context().recipient, name: null, privateUrl: null } }),
    );
    expect(message.text.startsWith('Bonjour,\n')).toBe(true);
    expect(message.text).not.toContain('/acces/');
    expect(message.text).toContain('Il est confié au pôle de proximité Nord, qui le traitera');
    expect(message.text).toContain('au plus tard le jeudi 3 décembre 2026 à 10:00');
  });

  it('places a report without an address by commune and coordinates, and never says the commune twice', () => {
    const message = composeMessage(context({ report: { ...context().report, address: null } }));
    expect(message.text).toContain('Lieu : Gerzat (45.82460, 3.14490)');
    expect(composeMessage(context()).text).toContain('Lieu : 4 rue Pasteur, Gerzat\n');
    expect(composeMessage(context({ report: { ...context().report, address: '4 rue Pasteur, Gerzat' } })).text).toContain(
      'Lieu : 4 rue Pasteur, Gerzat\n',
    );
  });
});

describe('the worker’s rules', () => {
  it('waits longer after each failure, up to 30 minutes, and gives up after about three and a half hours', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000]);
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => backoffMs(i + 1)).reduce((a, b) => a + b, 0);
    expect(total / 3_600_000).toBeGreaterThan(3);
    expect(total / 3_600_000).toBeLessThan(4);
  });

  it('keeps a code of an SMTP failure, never its words, and tells final refusals from temporary ones', () => {
    const refused = Object.assign(new Error('550 5.1.1 <camille@example.org>: Recipient address rejected'), {
      responseCode: 550,
    });
    expect(describeMailError(refused)).toEqual({ reason: 'Refus du serveur SMTP (550)', isPermanent: true });
    expect(describeMailError(Object.assign(new Error('busy'), { responseCode: 451 }))).toEqual({
      reason: 'Refus du serveur SMTP (451)',
      isPermanent: false,
    });
    expect(describeMailError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toEqual({
      reason: 'Serveur SMTP injoignable (ESOCKET)',
      isPermanent: false,
    });
    expect(describeMailError(Object.assign(new Error('x'), { code: 'camille@example.org' })).reason).toBe(
      'Serveur SMTP injoignable (inconnue)',
    );
  });
});

describe('the address on the letter', () => {
  it('puts each element on its line and the postcode with the town last, however it was typed', () => {
    expect(postalLines('14 rue des Vignes, 63118 Cébazat')).toBe('14 rue des Vignes\n63118 Cébazat');
    expect(postalLines('8 impasse des Lilas 63360 Gerzat')).toBe('8 impasse des Lilas\n63360 Gerzat');
    expect(postalLines('Résidence Les Pins, bât. B\n3 place de Jaude\r\n63000 Clermont-Ferrand')).toBe(
      'Résidence Les Pins\nbât. B\n3 place de Jaude\n63000 Clermont-Ferrand',
    );
    expect(postalLines('BP 231 ; 63007 Clermont-Ferrand Cedex 1')).toBe('BP 231\n63007 Clermont-Ferrand Cedex 1');
  });
});
