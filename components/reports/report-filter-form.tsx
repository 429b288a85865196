import Link from 'next/link';
import { CommuneOptions, StateFilterOptions } from '@/components/ui/options';
import type { ListingFilters } from '@/lib/reports/listing-input';

type Props = {
  categories: { slug: string; name: string }[];
  communes: { insee: string; name: string }[];
  filters: ListingFilters;
};

const fieldClass = 'rounded border border-slate-400 bg-white px-2 py-1.5 text-sm';

// A plain GET form: it filters without JavaScript, and the URL of the result can be bookmarked or shared.
export function ReportFilterForm({ categories, communes, filters }: Props) {
  return (
    <form method="get" action="/signalements" className="space-y-4 rounded border border-slate-200 bg-slate-50 p-4">
      <div className="flex flex-wrap gap-4">
        <div className="flex flex-col gap-1">
          <label htmlFor="liste-commune" className="text-sm font-medium">
            Commune
          </label>
          <select id="liste-commune" name="commune" defaultValue={filters.commune ?? ''} className={fieldClass}>
            <CommuneOptions communes={communes} emptyLabel="Toutes les communes" />
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="liste-etat" className="text-sm font-medium">
            État
          </label>
          <select id="liste-etat" name="state" defaultValue={filters.state} className={fieldClass}>
            <StateFilterOptions />
          </select>
        </div>
      </div>
      <fieldset aria-describedby="liste-categories-aide">
        <legend className="text-sm font-medium">Catégories</legend>
        <p id="liste-categories-aide" className="text-xs text-slate-600">
          Aucune case cochée : toutes les catégories.
        </p>
        <div className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
          {categories.map((category) => (
            <label key={category.slug} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="category"
                value={category.slug}
                defaultChecked={filters.categories.includes(category.slug)}
                className="size-4 accent-brand"
              />
              {category.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" className="rounded bg-brand px-4 py-2 text-sm font-medium text-white hover:bg-brand-dark">
          Filtrer
        </button>
        <Link href="/signalements" className="text-sm text-brand underline">
          Réinitialiser les filtres
        </Link>
      </div>
    </form>
  );
}
