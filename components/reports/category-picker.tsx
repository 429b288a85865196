import { CategoryBadge } from '@/components/ui/category-icon';
import { describedBy, FieldErrors } from '@/components/ui/field';
import type { PublicCategory } from '@/lib/reports/categories';

// Native radio buttons styled as tiles: arrow keys move between categories, as in any radio group.
export function CategoryPicker({
  categories,
  value,
  onChange,
  errors,
}: {
  categories: PublicCategory[];
  value: string;
  onChange: (slug: string) => void;
  errors?: string[];
}) {
  return (
    <fieldset aria-describedby={describedBy('category', null, errors)}>
      <legend className="text-lg font-semibold">
        Quel est le problème ? <span aria-hidden>*</span>
      </legend>
      <div className="mt-3 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
        {categories.map((category) => (
          <label
            key={category.slug}
            className="flex cursor-pointer flex-col items-center gap-2 rounded border-2 border-slate-200 p-3 text-center text-sm font-medium has-checked:border-brand has-checked:bg-blue-50 has-focus-visible:outline-3 has-focus-visible:outline-amber-500"
          >
            <input
              type="radio"
              name="category"
              value={category.slug}
              checked={value === category.slug}
              onChange={() => onChange(category.slug)}
              className="sr-only"
            />
            <CategoryBadge icon={category.icon} color={category.color} size="md" />
            {category.name}
          </label>
        ))}
      </div>
      <FieldErrors id="category-error" errors={errors} />
    </fieldset>
  );
}
