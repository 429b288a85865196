import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Db } from '@/db';
import { communes, poles } from '@/db/schema';
import { can, type StaffUser } from '@/lib/permissions';

// The 21 town halls' reception desks, where residents report in person: address and opening hours are data the
// administrator fills in (empty by default: no official list was found).

export async function listDesks() {
  const db = await getDb();
  const rows = await db
    .select({
      insee: communes.insee,
      name: communes.name,
      poleName: poles.name,
      deskAddress: communes.deskAddress,
      deskHours: communes.deskHours,
    })
    .from(communes)
    .innerJoin(poles, eq(communes.poleId, poles.id))
    .orderBy(asc(communes.name));
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

const deskInput = z.object({
  insee: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, { error: 'Commune inconnue.' }),
  deskAddress: z.string().trim().max(300, { error: 'Adresse : 300 caractères au plus.' }),
  deskHours: z.string().trim().max(500, { error: 'Horaires : 500 caractères au plus.' }),
});

export async function updateDesk(
  db: Db,
  user: StaffUser,
  raw: Record<string, unknown>,
): Promise<{ ok: boolean; message: string; fieldErrors?: Partial<Record<string, string[]>> }> {
  if (!can(user, 'territory.manage')) return { ok: false, message: 'Cette page est réservée à l’administrateur.' };
  const parsed = deskInput.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<string, string[]>> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return { ok: false, message: 'Rien n’a été enregistré.', fieldErrors };
  }
  const { insee, deskAddress, deskHours } = parsed.data;
  const updated = await db
    .update(communes)
    .set({ deskAddress: deskAddress || null, deskHours: deskHours || null, updatedAt: new Date() })
    .where(eq(communes.insee, insee))
    .returning({ name: communes.name });
  if (updated.length === 0) return { ok: false, message: 'Cette commune ne fait pas partie de la Métropole.' };
  return { ok: true, message: `Accueil de ${updated[0]!.name} enregistré.` };
}
