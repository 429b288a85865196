import { describe, expect, it } from 'vitest';
import {
  FOLLOW_FIELDS,
  hasControlCharacters,
  parseFollowForm,
  parseReportForm,
  reopenInput,
  REPORT_FIELDS,
} from '@/lib/reports/input';

// What `npm run test:mutation -- --mutate lib/reports/input.ts` found untested: the edges of each rule (exact
// lengths, anchored patterns, blanks), the words of each refusal, and the fields the server actions read.

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
const errorsOf = (overrides: Record<string, string | undefined>) => {
  const result = parseReportForm({ ...valid, ...overrides } as Record<string, string>);
  return result.ok ? {} : result.fieldErrors;
};
const valueOf = (overrides: Record<string, string>) => {
  const result = parseReportForm({ ...valid, ...overrides });
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result.value;
};
const ANSWER_NEEDED =
  'Pour recevoir le courrier décrivant la solution, indiquez une adresse e-mail ou une adresse postale, ou cochez « Je ne souhaite pas de réponse ».';

describe('the report form’s edges', () => {
  it('takes « on » and « true » alike as « no answer wanted »', () => {
    for (const noReply of ['on', 'true']) {
      expect(valueOf({ email: '', noReply }).noReply).toBe(true);
    }
    expect(valueOf({ noReply: 'yes' }).noReply).toBe(false);
  });

  it('reads blanks, or fields not sent at all, as no way to answer', () => {
    expect(errorsOf({ email: '   ' }).email).toEqual([ANSWER_NEEDED]);
    expect(errorsOf({ email: '', postalAddress: ' \t ' }).email).toEqual([ANSWER_NEEDED]);
    expect(errorsOf({ email: undefined, postalAddress: undefined }).email).toContain(ANSWER_NEEDED);
  });

  it('trims every text field and keeps an empty one as nothing', () => {
    const value = valueOf({
      idempotencyKey: `  ${valid.idempotencyKey}  `,
      category: ' voirie ',
      name: '  Dominique  ',
      phone: ' 04 73 00 00 00 ',
      postalAddress: ' 1 place de Jaude ',
      address: ' devant le 4 ',
    });
    expect(value).toMatchObject({
      idempotencyKey: valid.idempotencyKey,
      category: 'voirie',
      name: 'Dominique',
      phone: '04 73 00 00 00',
      postalAddress: '1 place de Jaude',
      address: 'devant le 4',
    });
    expect(valueOf({ name: '   ', address: '  ' })).toMatchObject({ name: null, address: null });
  });

  it('accepts a description of exactly 10 visible characters', () => {
    expect(valueOf({ description: 'abcdefghij' }).description).toBe('abcdefghij');
    expect(errorsOf({ description: 'abcdefghi' }).description).toEqual([
      'Décrivez le problème en quelques mots (10 caractères au moins).',
    ]);
  });

  it('takes only a whole form key, a whole category slug and a whole INSEE code', () => {
    for (const idempotencyKey of ['!0f8fad5b-d9cb-469f', '0f8fad5b-d9cb-469f!', 'x'.repeat(65)]) {
      expect(errorsOf({ idempotencyKey }).idempotencyKey).toEqual(['Le formulaire a expiré : rechargez la page.']);
    }
    expect(valueOf({ category: 'eclairage-public' }).category).toBe('eclairage-public');
    for (const category of ['Voirie', '!voirie', 'voirie!', '-voirie', 'voirie-']) {
      expect(errorsOf({ category }).category).toEqual([
        'Cette catégorie n’existe pas ou n’est plus proposée : choisissez-en une autre.',
      ]);
    }
    for (const commune of ['x63308', '633080', '6330']) {
      expect(errorsOf({ lon: '', lat: '', commune, address: 'Place Allard' }).commune).toEqual([
        'Choisissez une commune de la liste.',
      ]);
    }
  });

  it('accepts an address of three characters when placed by commune', () => {
    expect(valueOf({ lon: '', lat: '', commune: '63308', address: 'Gare' }).location).toEqual({
      kind: 'commune',
      insee: '63308',
      address: 'Gare',
    });
    expect(valueOf({ lon: '', lat: '', commune: '63308', address: 'Bar' }).location).toMatchObject({ address: 'Bar' });
  });

  it('reads a form that sends no place fields at all as « no place given »', () => {
    expect(errorsOf({ lon: undefined, lat: undefined, commune: undefined, address: undefined }).location).toEqual([
      'Indiquez le lieu : placez un repère sur la carte, ou choisissez la commune et saisissez l’adresse.',
    ]);
  });

  it('names the field in each length and control-character refusal', () => {
    expect(errorsOf({ email: `${'a'.repeat(195)}@example.org` }).email).toContain('Adresse e-mail : 200 caractères au maximum.');
    expect(errorsOf({ email: 'a\u0000@example.org' }).email).toContain(
      'Adresse e-mail : retirez les caractères invisibles ou de contrôle.',
    );
    expect(errorsOf({ name: 'Dominique\u0007' }).name).toEqual(['Nom : retirez les caractères invisibles ou de contrôle.']);
    expect(errorsOf({ postalAddress: '4 rue\u001b' }).postalAddress).toEqual([
      'Adresse postale : retirez les caractères invisibles ou de contrôle.',
    ]);
    expect(errorsOf({ address: 'x'.repeat(201) }).address).toEqual(['Adresse ou lieu : 200 caractères au maximum.']);
    expect(errorsOf({ description: 'Nid-de-poule\u0000 devant la boulangerie.' }).description).toEqual([
      'Description : retirez les caractères invisibles ou de contrôle.',
    ]);
  });

  it('lists every refusal once per rule, in the order of the form', () => {
    const errors = errorsOf({
      idempotencyKey: '',
      lon: '',
      lat: '',
      commune: 'Royat',
      category: '',
      description: '',
      name: 'x'.repeat(101),
      email: 'camille@',
      phone: '1',
      postalAddress: 'x'.repeat(301),
    });
    expect(Object.keys(errors)).toEqual([
      'idempotencyKey',
      'commune',
      'category',
      'description',
      'name',
      'email',
      'phone',
      'postalAddress',
    ]);
    expect(errors.category).toEqual(['Choisissez la catégorie du problème.']);
    expect(Object.keys(errorsOf({ lon: '', lat: '', commune: '63308', address: '', category: '' }))).toEqual([
      'address',
      'category',
    ]);
  });
});

describe('the « même problème » form', () => {
  it('takes a reference with blanks around it and names a malformed one', () => {
    const follow = { ...valid, reference: ' PC-2026-000123 ' };
    const result = parseFollowForm(follow);
    expect(result.ok && result.value.reference).toBe('PC-2026-000123');
    const bad = parseFollowForm({ ...follow, reference: 'PC-26-1' });
    expect(bad.ok ? null : bad.fieldErrors.reference).toEqual(['Référence de signalement invalide.']);
  });
});

describe('the fields the server actions read', () => {
  it('names every field of the report form and of the « même problème » form, the honeypot included', () => {
    expect([...REPORT_FIELDS].sort()).toEqual(
      [
        'idempotencyKey',
        'category',
        'description',
        'address',
        'name',
        'email',
        'phone',
        'postalAddress',
        'noReply',
        'lon',
        'lat',
        'commune',
        'website',
      ].sort(),
    );
    expect([...FOLLOW_FIELDS].sort()).toEqual(
      ['idempotencyKey', 'reference', 'name', 'email', 'phone', 'postalAddress', 'noReply', 'website'].sort(),
    );
  });
});

describe('reopenInput', () => {
  const reasonOf = (reason: string) => {
    const parsed = reopenInput.safeParse({ reason });
    return parsed.success ? parsed.data.reason : parsed.error.issues.map((issue) => issue.message);
  };

  it('takes a reason of 10 to 1,000 characters, blanks around it left out', () => {
    expect(reasonOf('  abcdefghij  ')).toBe('abcdefghij');
    expect(reasonOf('x'.repeat(1000))).toBe('x'.repeat(1000));
    expect(reasonOf('  abcdefghi  ')).toEqual(['Expliquez en quelques mots ce qui n’est pas résolu (10 caractères au moins).']);
    expect(reasonOf('x'.repeat(1001))).toEqual(['L’explication ne peut pas dépasser 1000 caractères.']);
  });
});

describe('hasControlCharacters', () => {
  it('finds a control character but lets tabs and new lines through', () => {
    expect(hasControlCharacters('Dominique\u0007')).toBe(true);
    expect(hasControlCharacters('ligne 1\nligne 2\tsuite')).toBe(false);
  });
});
