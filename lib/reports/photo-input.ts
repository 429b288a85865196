import { z } from 'zod';
import { MAX_RECTANGLES, REDACTION_MODES, type Rectangle } from './redact';
import { target } from './staff-input';

// What the redaction form sends: which photo, how, and which rectangles.

/** A rectangle reaching past an edge by less than this is on the edge: a pointer dragged to it lands a hair beyond. */
const EDGE_TOLERANCE = 1e-6;

const coordinate = z.number({ error: 'coordonnées illisibles' });
const rectangle = z.object({ x: coordinate, y: coordinate, width: coordinate, height: coordinate });

/** Why a rectangle cannot be used, or null: each message says which one, as the form numbers them from 1. */
function rectangleProblem({ x, y, width, height }: Rectangle): string | null {
  if (!(width > 0 && height > 0)) return 'sa largeur ou sa hauteur est nulle';
  const isInside = x >= 0 && y >= 0 && x + width <= 1 + EDGE_TOLERANCE && y + height <= 1 + EDGE_TOLERANCE;
  return isInside ? null : 'il sort de la photo';
}

/** The form sends the rectangles as one JSON field, in fractions of the photo's width and height. */
const fromJson = (value: unknown) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
};

export const rectanglesInput = z.preprocess(
  fromJson,
  z
    .array(z.unknown(), { error: 'Dessinez au moins un rectangle sur la photo.' })
    .min(1, { error: 'Dessinez au moins un rectangle sur la photo.' })
    .max(MAX_RECTANGLES, { error: `${MAX_RECTANGLES} rectangles au plus à la fois.` })
    .transform((items, context) => {
      const rectangles: Rectangle[] = [];
      items.forEach((item, index) => {
        const parsed = rectangle.safeParse(item);
        const problem = parsed.success ? rectangleProblem(parsed.data) : 'ses coordonnées sont illisibles';
        if (problem) context.addIssue({ code: 'custom', message: `Rectangle ${index + 1} : ${problem}.` });
        else rectangles.push(parsed.data!);
      });
      return rectangles;
    }),
);

export const redactInput = z.object({
  ...target,
  position: z
    .string()
    .regex(/^[0-9]$/, { error: 'Choisissez une photo du signalement.' })
    .transform(Number),
  mode: z.enum(REDACTION_MODES, { error: 'Choisissez : flouter ou masquer.' }),
  rectangles: rectanglesInput,
});
export type RedactInput = z.infer<typeof redactInput>;
