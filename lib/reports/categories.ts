import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { categories, type Category } from '@/db/schema';

/** A category as residents see it, in the picker, the legend and the markers: `icon` is a key of components/ui/category-icon. */
export type PublicCategory = Pick<Category, 'slug' | 'name' | 'color' | 'icon'>;

/** The categories a resident may choose or filter on, in the order staff set; deactivated ones are hidden. */
export async function listActiveCategories(): Promise<PublicCategory[]> {
  const db = await getDb();
  return db
    .select({ slug: categories.slug, name: categories.name, color: categories.color, icon: categories.icon })
    .from(categories)
    .where(eq(categories.isActive, true))
    .orderBy(asc(categories.position), asc(categories.name));
}

/** For an agent keying a report in: the categories with the severity each suggests. */
export async function listIntakeCategories() {
  const db = await getDb();
  return db
    .select({
      slug: categories.slug,
      name: categories.name,
      color: categories.color,
      icon: categories.icon,
      defaultSeverity: categories.defaultSeverity,
    })
    .from(categories)
    .where(eq(categories.isActive, true))
    .orderBy(asc(categories.position), asc(categories.name));
}

export type IntakeCategory = Awaited<ReturnType<typeof listIntakeCategories>>[number];
