import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Db } from '@/db';
import { categories } from '@/db/schema';
import { can, type StaffUser } from '@/lib/permissions';
import type { CommandResult } from './staff-commands';
import { STAFF_TEXT_MAX } from './staff-input';

// The response templates, one per category: the solution text a pôle starts from when resolving. The administrator's.

export async function listTemplates() {
  const db = await getDb();
  return db
    .select({ slug: categories.slug, name: categories.name, template: categories.resolutionTemplate })
    .from(categories)
    .orderBy(asc(categories.position));
}

const templateInput = z.object({
  slug: z.string().trim().min(1),
  template: z
    .string()
    .trim()
    .min(10, { error: 'Le modèle : 10 caractères au moins.' })
    .max(STAFF_TEXT_MAX, { error: `Le modèle : ${STAFF_TEXT_MAX} caractères au plus.` }),
});

export async function updateTemplate(db: Db, user: StaffUser, raw: Record<string, unknown>): Promise<CommandResult> {
  if (!can(user, 'templates.manage')) return { ok: false, message: 'Cette page est réservée à l’administrateur.' };
  const parsed = templateInput.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      message: 'Rien n’a été enregistré.',
      fieldErrors: { template: parsed.error.issues.map((i) => i.message) },
    };
  const updated = await db
    .update(categories)
    .set({ resolutionTemplate: parsed.data.template, updatedAt: new Date() })
    .where(eq(categories.slug, parsed.data.slug))
    .returning({ name: categories.name });
  if (updated.length === 0) return { ok: false, message: 'Cette catégorie n’existe pas.' };
  return { ok: true, message: `Modèle « ${updated[0]!.name} » enregistré.` };
}
