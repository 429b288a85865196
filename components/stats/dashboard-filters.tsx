import { inputClass } from '@/components/ui/field';
import { FilterSelect } from '@/components/ui/filter-select';
import { ALL, dayInParis, type FigureFilters } from '@/lib/figures/filters';
import { CHANNEL_LABELS } from '@/lib/reports/labels';
import type { StaffVocabulary } from '@/lib/staff/vocabulary';

type Props = { filters: FigureFilters; vocabulary: StaffVocabulary; years: number[] };

// The dashboard's view, as a plain GET form: a year or two days, a pôle, a commune, a category, a channel.
export function DashboardFilters({ filters, vocabulary, years }: Props) {
  const lastDay = dayInParis(new Date(filters.to.getTime() - 1));
  return (
    <form method="get" action="/gestion/tableau-de-bord" aria-label="Filtres du tableau de bord" className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <FilterSelect name="annee" label="Année" value={filters.year === null ? '' : String(filters.year)}>
          <option value="">Période choisie ci-contre</option>
          {years.map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </FilterSelect>
        <div>
          <label htmlFor="filtre-du" className="block text-sm font-medium">
            Du
          </label>
          <input
            id="filtre-du"
            name="du"
            type="date"
            defaultValue={filters.year === null ? dayInParis(filters.from) : ''}
            className={inputClass()}
          />
        </div>
        <div>
          <label htmlFor="filtre-au" className="block text-sm font-medium">
            Au (inclus)
          </label>
          <input
            id="filtre-au"
            name="au"
            type="date"
            defaultValue={filters.year === null ? lastDay : ''}
            className={inputClass()}
          />
        </div>
        <FilterSelect name="pole" label="Pôle" value={filters.poleId ?? ALL.pole}>
          <option value={ALL.pole}>Toute la Métropole</option>
          {vocabulary.poles.map((pole) => (
            <option key={pole.id} value={pole.id}>
              {pole.name}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="commune" label="Commune" value={filters.communeInsee ?? ALL.commune}>
          <option value={ALL.commune}>Toutes les communes</option>
          {vocabulary.communes.map((commune) => (
            <option key={commune.insee} value={commune.insee}>
              {commune.name}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="categorie" label="Catégorie" value={filters.categorySlug}>
          <option value="">Toutes les catégories</option>
          {vocabulary.categories.map((category) => (
            <option key={category.slug} value={category.slug}>
              {category.name}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="canal" label="Canal" value={filters.channel}>
          <option value="">Tous les canaux</option>
          {Object.entries(CHANNEL_LABELS).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </FilterSelect>
      </div>
      <p className="text-sm text-slate-700">Une période « du … au … » remplace l’année quand les deux dates sont remplies.</p>
      <button type="submit" className="rounded bg-brand px-4 py-2 text-sm font-semibold text-white hover:bg-brand-dark">
        Afficher
      </button>
    </form>
  );
}
