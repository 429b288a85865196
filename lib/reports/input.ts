import { z } from 'zod';
import { coordinate } from '@/lib/territory/input';
import { DESCRIPTION_MIN, FIELD_MAX_LENGTH, REASON_MAX, REASON_MIN } from './field-limits';
import { REFERENCE_PATTERN } from './reference-format';

// The report form as the server reads it: one schema, every error in French next to its field.

/** Control characters (a NUL makes PostgreSQL refuse the row) have no place in what a person types; tabs and new lines do. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]/g;
/** Characters a reader sees: zero-width and blank ones do not make a description. */
export const visibleLength = (value: string) => value.replace(INVISIBLE, '').length;
export const hasControlCharacters = (value: string) => CONTROL.test(value);
export const noControl = (label: string) => ({ error: `${label} : retirez les caractères invisibles ou de contrôle.` });

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} : ${max} caractères au maximum.` })
    .refine((value) => !CONTROL.test(value), noControl(label))
    .transform((value) => value || null);

// Built once: a zod schema is costly to construct, and this one is checked on every submission.
const emailFormat = z.email();
const phoneFormat = new RegExp(`^\\+?[\\d .\\-()]{10,${FIELD_MAX_LENGTH.phone}}$`);

const contactFields = {
  name: text(FIELD_MAX_LENGTH.name, 'Nom'),
  email: z
    .string()
    .trim()
    .max(FIELD_MAX_LENGTH.email, { error: `Adresse e-mail : ${FIELD_MAX_LENGTH.email} caractères au maximum.` })
    .refine((value) => !CONTROL.test(value), noControl('Adresse e-mail'))
    .refine((value) => value === '' || emailFormat.safeParse(value).success, {
      error: 'Cette adresse e-mail n’est pas valide (exemple : prenom.nom@exemple.fr).',
    })
    .transform((value) => value.toLowerCase() || null),
  phone: z
    .string()
    .trim()
    .refine((value) => value === '' || phoneFormat.test(value), {
      error: 'Ce numéro de téléphone n’est pas valide (exemple : 04 73 00 00 00).',
    })
    .transform((value) => value || null),
  postalAddress: text(FIELD_MAX_LENGTH.postalAddress, 'Adresse postale'),
  noReply: z.string().transform((value) => value === 'on' || value === 'true'),
};

const ANSWER_NEEDED =
  'Pour recevoir le courrier décrivant la solution, indiquez une adresse e-mail ou une adresse postale, ou cochez « Je ne souhaite pas de réponse ».';

const idempotencyKey = z
  .string()
  .trim()
  .regex(/^[\w-]{16,64}$/, { error: 'Le formulaire a expiré : rechargez la page.' });

const reportFields = z.object({
  idempotencyKey,
  category: z
    .string()
    .trim()
    .min(1, { error: 'Choisissez la catégorie du problème.' })
    // A slug, as the categories table allows: anything else is no category (and never reaches the database).
    .refine((value) => !value || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value), {
      error: 'Cette catégorie n’existe pas ou n’est plus proposée : choisissez-en une autre.',
    }),
  description: z
    .string()
    .trim()
    .refine((value) => visibleLength(value) >= DESCRIPTION_MIN, {
      error: `Décrivez le problème en quelques mots (${DESCRIPTION_MIN} caractères au moins).`,
    })
    .max(FIELD_MAX_LENGTH.description, {
      error: `La description ne peut pas dépasser ${FIELD_MAX_LENGTH.description} caractères.`,
    })
    .refine((value) => !CONTROL.test(value), noControl('Description')),
  address: text(FIELD_MAX_LENGTH.address, 'Adresse ou lieu'),
  ...contactFields,
});

const followFields = z.object({
  idempotencyKey,
  reference: z.string().trim().regex(REFERENCE_PATTERN, { error: 'Référence de signalement invalide.' }),
  ...contactFields,
});

export const REPORT_FIELDS = [...Object.keys(reportFields.shape), 'lon', 'lat', 'commune', 'website'];
export const FOLLOW_FIELDS = [...Object.keys(followFields.shape), 'website'];

export type ReportLocationInput =
  { kind: 'point'; lon: number; lat: number } | { kind: 'commune'; insee: string; address: string };
export type ReportInput = z.infer<typeof reportFields> & { location: ReportLocationInput };
export type FollowInput = z.infer<typeof followFields>;
export type FieldErrors = Partial<Record<string, string[]>>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

/** Every field is checked, cross-field rules included, so the resident sees all errors at once. */
export function parseReportForm(raw: Record<string, string>): Parsed<ReportInput> {
  const errors: FieldErrors = {};
  const fields = reportFields.safeParse(raw);
  if (!fields.success) collect(errors, fields.error);
  const location = readLocation(raw, errors);
  checkAnswerChannel(raw, errors);
  if (!fields.success || !location || Object.keys(errors).length > 0) return { ok: false, fieldErrors: inFormOrder(errors) };
  return { ok: true, value: { ...fields.data, location } };
}

export function parseFollowForm(raw: Record<string, string>): Parsed<FollowInput> {
  const errors: FieldErrors = {};
  const fields = followFields.safeParse(raw);
  if (!fields.success) collect(errors, fields.error);
  checkAnswerChannel(raw, errors);
  if (!fields.success || Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
  return { ok: true, value: fields.data };
}

function checkAnswerChannel(raw: Record<string, string>, errors: FieldErrors) {
  const wantsNoReply = raw.noReply === 'on' || raw.noReply === 'true';
  if (!wantsNoReply && !raw.email?.trim() && !raw.postalAddress?.trim()) add(errors, 'email', ANSWER_NEEDED);
}

// A pin on the map, or — the equal alternative without the map — a commune and a typed address.
function readLocation(raw: Record<string, string>, errors: FieldErrors): ReportLocationInput | null {
  const [lon, lat, commune, address] = [raw.lon, raw.lat, raw.commune, raw.address].map((v) => v?.trim() ?? '');
  if (lon || lat) {
    const point = z.object({ lon: coordinate(180), lat: coordinate(90) }).safeParse({ lon, lat });
    if (point.success) return { kind: 'point', ...point.data };
    add(errors, 'location', 'La position du repère est illisible : replacez-le sur la carte.');
    return null;
  }
  if (!commune) {
    add(errors, 'location', 'Indiquez le lieu : placez un repère sur la carte, ou choisissez la commune et saisissez l’adresse.');
    return null;
  }
  if (!/^\d[\dAB]\d{3}$/.test(commune)) {
    add(errors, 'commune', 'Choisissez une commune de la liste.');
    return null;
  }
  if (!address || address.length < 3) {
    add(errors, 'address', 'Saisissez l’adresse ou le lieu précis du problème.');
    return null;
  }
  return { kind: 'commune', insee: commune, address: address.slice(0, FIELD_MAX_LENGTH.address) };
}

export const reopenInput = z.object({
  reason: z
    .string()
    .trim()
    .min(REASON_MIN, { error: `Expliquez en quelques mots ce qui n’est pas résolu (${REASON_MIN} caractères au moins).` })
    .max(REASON_MAX, { error: `L’explication ne peut pas dépasser ${REASON_MAX} caractères.` }),
});

/** The form's text fields as strings ('' when absent), ready for a schema. */
export function formStrings(formData: FormData, names: string[]): Record<string, string> {
  // A file sent where text is expected is no text (String() would store « [object File] »): it reads as empty.
  return Object.fromEntries(
    names.map((name) => {
      const value = formData.get(name);
      return [name, typeof value === 'string' ? value : ''];
    }),
  );
}

// The order in which the fields appear in the form, so that an error summary reads top to bottom.
const FORM_ORDER = [
  'idempotencyKey',
  'location',
  'commune',
  'address',
  'category',
  'description',
  'photos',
  'name',
  'email',
  'phone',
  'postalAddress',
];

function inFormOrder(errors: FieldErrors): FieldErrors {
  const rank = (field: string) => (FORM_ORDER.includes(field) ? FORM_ORDER.indexOf(field) : FORM_ORDER.length);
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}

function add(errors: FieldErrors, field: string, message: string) {
  (errors[field] ??= []).push(message);
}

function collect(errors: FieldErrors, error: z.ZodError) {
  for (const issue of error.issues) add(errors, String(issue.path[0] ?? 'form'), issue.message);
}
