import { describe, expect, it } from 'vitest';
import { formStrings, parseFollowForm, parseReportForm } from '@/lib/reports/input';

const valid = {
  idempotencyKey: '0f8fad5b-d9cb-469f-a165-70867728950e',
  category: 'voirie',
  description: 'Nid-de-poule devant la boulangerie.',
  lon: '3.0819',
  lat: '45.7772',
  commune: '',
  address: '',
  name: '',
  email: 'camille@example.org',
  phone: '',
  postalAddress: '',
  noReply: '',
};

const errorsOf = (overrides: Record<string, string>) => {
  const result = parseReportForm({ ...valid, ...overrides });
  return result.ok ? {} : result.fieldErrors;
};

describe('parseReportForm', () => {
  it.each([
    ['description', { description: '' }, 'caractères au moins'],
    ['description', { description: '   court   ' }, 'caractères au moins'],
    ['description', { description: 'x'.repeat(2001) }, 'ne peut pas dépasser 2000'],
    ['description', { description: '\u200b'.repeat(30) }, 'caractères au moins'],
    ['description', { description: 'Nid-de-poule\u0000 devant la boulangerie.' }, 'caractères invisibles ou de contrôle'],
    ['name', { name: 'Dominique\u0007' }, 'caractères invisibles ou de contrôle'],
    ['email', { email: 'a\u0000@example.org' }, 'caractères invisibles ou de contrôle'],
    ['postalAddress', { postalAddress: '4 rue\u001b' }, 'caractères invisibles ou de contrôle'],
    ['category', { category: '' }, 'Choisissez la catégorie'],
    ['location', { lon: '', lat: '' }, 'Indiquez le lieu'],
    ['location', { lon: '3.08', lat: '' }, 'illisible'],
    ['location', { lon: 'abc', lat: '45.77' }, 'illisible'],
    ['location', { lon: '3.08', lat: '95' }, 'illisible'],
    ['location', { lon: '200', lat: '45' }, 'illisible'],
    ['commune', { lon: '', lat: '', commune: 'Royat', address: 'Place Allard' }, 'Choisissez une commune'],
    ['address', { lon: '', lat: '', commune: '63308', address: '' }, 'Saisissez l’adresse'],
    ['address', { lon: '', lat: '', commune: '63308', address: 'ab' }, 'Saisissez l’adresse'],
    ['address', { address: 'x'.repeat(201) }, '200 caractères au maximum'],
    ['email', { email: 'camille@' }, 'n’est pas valide'],
    ['email', { email: '', postalAddress: '', noReply: '' }, 'ou cochez « Je ne souhaite pas de réponse »'],
    ['phone', { phone: '12' }, 'n’est pas valide'],
    ['phone', { phone: 'zéro quatre' }, 'n’est pas valide'],
    ['name', { name: 'x'.repeat(101) }, '100 caractères au maximum'],
    ['postalAddress', { postalAddress: 'x'.repeat(301) }, '300 caractères au maximum'],
    ['idempotencyKey', { idempotencyKey: '' }, 'rechargez la page'],
    ['idempotencyKey', { idempotencyKey: '<script>' }, 'rechargez la page'],
  ])('refuses a bad %s (%o)', (field, overrides, message) => {
    expect(errorsOf(overrides)[field]?.join(' ')).toContain(message);
  });

  it('reports every bad field at once, in the order of the form', () => {
    expect(Object.keys(errorsOf({ description: '', category: '', lon: '', lat: '', email: '', phone: '1' }))).toEqual([
      'location',
      'category',
      'description',
      'email',
      'phone',
    ]);
  });

  it('reads a pin, trims text and lower-cases the e-mail', () => {
    const result = parseReportForm({
      ...valid,
      description: '  Nid-de-poule devant la boulangerie.  ',
      email: ' Camille@Example.ORG ',
    });
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        description: 'Nid-de-poule devant la boulangerie.',
        email: 'camille@example.org',
        location: { kind: 'point', lon: 3.0819, lat: 45.7772 },
        name: null,
        phone: null,
        noReply: false,
      }),
    });
  });

  it('reads a commune and an address when there is no pin', () => {
    const result = parseReportForm({ ...valid, lon: '', lat: '', commune: '63308', address: ' Place Allard ' });
    expect(result.ok && result.value.location).toEqual({ kind: 'commune', insee: '63308', address: 'Place Allard' });
  });

  it('accepts no contact at all when the resident wants no answer, and a postal address instead of an e-mail', () => {
    expect(parseReportForm({ ...valid, email: '', noReply: 'on' }).ok).toBe(true);
    expect(parseReportForm({ ...valid, email: '', postalAddress: '1 place de Jaude, 63000 Clermont-Ferrand' }).ok).toBe(true);
  });
});

describe('parseFollowForm', () => {
  const follow = {
    idempotencyKey: valid.idempotencyKey,
    reference: 'PC-2026-000123',
    name: '',
    email: 'a@example.org',
    phone: '',
    postalAddress: '',
    noReply: '',
  };

  it('refuses a malformed reference and a follower with no way to answer', () => {
    const result = parseFollowForm({ ...follow, reference: 'PC-26-1', email: '' });
    expect(result.ok ? [] : Object.keys(result.fieldErrors).sort()).toEqual(['email', 'reference']);
  });

  it('accepts a follower with an e-mail', () => {
    expect(parseFollowForm(follow).ok).toBe(true);
  });
});

describe('formStrings', () => {
  it('reads a file sent in place of a text field as empty, never as « [object File] »', () => {
    const data = new FormData();
    data.set('description', new File(['Nid-de-poule devant la boulangerie.'], 'description.txt'));
    data.set('name', 'Dominique');
    expect(formStrings(data, ['description', 'name', 'email'])).toEqual({ description: '', name: 'Dominique', email: '' });
  });
});
