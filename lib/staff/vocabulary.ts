import 'server-only';
import { asc } from 'drizzle-orm';
import type { Db } from '@/db';
import { categories, communes, poles, reportStates } from '@/db/schema';
import { listSeverityLevels } from '@/lib/reports/severity';

// The lists the staff's filters and forms offer: pôles, categories (inactive ones too: they still have reports),
// communes in French order, states in their editable order, severities with their editable labels.
export async function getStaffVocabulary(db: Db) {
  const [poleRows, categoryRows, communeRows, stateRows, severities] = await Promise.all([
    db.select({ id: poles.id, name: poles.name }).from(poles).orderBy(asc(poles.name)),
    db
      .select({ slug: categories.slug, name: categories.name, color: categories.color, icon: categories.icon })
      .from(categories)
      .orderBy(asc(categories.position)),
    db.select({ insee: communes.insee, name: communes.name }).from(communes),
    db
      .select({ key: reportStates.key, label: reportStates.label, type: reportStates.type })
      .from(reportStates)
      .orderBy(asc(reportStates.position)),
    listSeverityLevels(db),
  ]);
  return {
    poles: poleRows,
    categories: categoryRows,
    communes: communeRows.sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    states: stateRows,
    severities,
  };
}

export type StaffVocabulary = Awaited<ReturnType<typeof getStaffVocabulary>>;
