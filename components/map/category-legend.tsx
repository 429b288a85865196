'use client';

import { CategoryBadge } from '@/components/ui/category-icon';
import type { PublicCategory } from '@/lib/reports/categories';

type Props = { categories: PublicCategory[]; selected: ReadonlySet<string>; onChange: (selected: Set<string>) => void };

// The legend is also the category filter: native checkboxes, so the keyboard and screen readers work as usual.
export function CategoryLegend({ categories, selected, onChange }: Props) {
  const toggle = (slug: string, isChecked: boolean) => {
    const next = new Set(selected);
    if (isChecked) next.add(slug);
    else next.delete(slug);
    onChange(next);
  };
  return (
    <fieldset className="space-y-2">
      <legend className="mb-2 text-base font-semibold">Catégories affichées</legend>
      <div className="flex gap-2 text-sm">
        <button
          type="button"
          className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100"
          onClick={() => onChange(new Set(categories.map((c) => c.slug)))}
        >
          Tout afficher
        </button>
        <button
          type="button"
          className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100"
          onClick={() => onChange(new Set())}
        >
          Tout masquer
        </button>
      </div>
      <ul className="grid gap-1 sm:grid-cols-2 lg:grid-cols-1">
        {categories.map((category) => (
          <li key={category.slug}>
            <label className="flex cursor-pointer items-center gap-2 rounded px-1 py-1 hover:bg-slate-50">
              <input
                type="checkbox"
                className="size-4 accent-brand"
                checked={selected.has(category.slug)}
                onChange={(event) => toggle(category.slug, event.target.checked)}
              />
              <CategoryBadge icon={category.icon} color={category.color} size="sm" />
              <span className="text-sm">{category.name}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
