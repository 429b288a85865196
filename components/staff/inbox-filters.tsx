import Link from 'next/link';
import { inputClass } from '@/components/ui/field';
import { FilterSelect as Select } from '@/components/ui/filter-select';
import { CHANNEL_LABELS } from '@/lib/reports/labels';
import { INBOX_SORTS, type InboxFilters } from '@/lib/staff/inbox-input';
import type { StaffVocabulary } from '@/lib/staff/vocabulary';

type Props = { filters: InboxFilters; vocabulary: StaffVocabulary; showPole: boolean };

// A plain GET form: every filter lands in the URL, so a view can be bookmarked, shared, and works without JavaScript.
export function InboxFilters({ filters, vocabulary, showPole }: Props) {
  const activeCount = [
    filters.category,
    filters.commune,
    filters.channel,
    filters.severity,
    filters.assigned,
    filters.planned,
  ].filter(Boolean).length;
  return (
    <form method="get" action="/gestion" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Filtres">
      <div className="sm:col-span-2">
        <label htmlFor="filtre-q" className="block text-sm font-medium">
          Référence ou adresse
        </label>
        <input id="filtre-q" name="q" type="search" defaultValue={filters.q} className={inputClass()} />
      </div>
      {showPole && (
        <Select name="pole" label="Pôle" value={filters.pole}>
          <option value="">Tous les pôles</option>
          {vocabulary.poles.map((pole) => (
            <option key={pole.id} value={pole.id}>
              {pole.name}
            </option>
          ))}
        </Select>
      )}
      <Select name="state" label="État" value={filters.state}>
        <option value="ouverts">En cours (tous les états ouverts)</option>
        <option value="tous">Tous, clos compris</option>
        {vocabulary.states.map((state) => (
          <option key={state.key} value={state.key}>
            {state.label}
          </option>
        ))}
      </Select>
      <Select name="sort" label="Trier par" value={filters.sort}>
        {Object.entries(INBOX_SORTS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </Select>
      <label className="flex items-center gap-2 self-end pb-2">
        <input type="checkbox" name="overdue" value="1" defaultChecked={filters.overdue === '1'} className="size-5" />
        En retard seulement
      </label>
      <details open={activeCount > 0} className="sm:col-span-2 lg:col-span-4">
        <summary className="cursor-pointer font-medium text-brand">
          Plus de filtres{activeCount > 0 && ` (${activeCount} actif${activeCount > 1 ? 's' : ''})`}
        </summary>
        <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <Select name="category" label="Catégorie" value={filters.category}>
            <option value="">Toutes</option>
            {vocabulary.categories.map((category) => (
              <option key={category.slug} value={category.slug}>
                {category.name}
              </option>
            ))}
          </Select>
          <Select name="commune" label="Commune" value={filters.commune}>
            <option value="">Toutes</option>
            {vocabulary.communes.map((commune) => (
              <option key={commune.insee} value={commune.insee}>
                {commune.name}
              </option>
            ))}
          </Select>
          <Select name="channel" label="Canal" value={filters.channel}>
            <option value="">Tous</option>
            {Object.entries(CHANNEL_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
          <Select name="severity" label="Gravité" value={filters.severity}>
            <option value="">Toutes</option>
            {vocabulary.severities.map((level) => (
              <option key={level.key} value={level.key}>
                {level.label}
              </option>
            ))}
          </Select>
          <Select name="assigned" label="Affectation" value={filters.assigned}>
            <option value="">Indifférente</option>
            <option value="moi">Affectés à moi</option>
            <option value="personne">Affectés à personne</option>
          </Select>
          <Select name="planned" label="Intervention planifiée" value={filters.planned}>
            <option value="">Indifférent</option>
            <option value="oui">Avec une date prévue</option>
            <option value="non">Sans date prévue</option>
          </Select>
        </div>
      </details>
      <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-4">
        <button type="submit" className="rounded bg-brand px-5 py-2.5 font-semibold text-white hover:bg-brand-dark">
          Filtrer
        </button>
        <Link href="/gestion" className="py-2.5 text-brand underline">
          Réinitialiser les filtres
        </Link>
      </div>
    </form>
  );
}
