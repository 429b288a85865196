// The period of the public figures: a plain GET form (works without JavaScript), the current year by default.
export function YearPicker({ years, selected }: { years: number[]; selected: number | null }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-2">
      <label className="flex flex-col text-sm font-medium">
        Année
        <select name="annee" defaultValue={selected ?? undefined} className="mt-1 rounded border border-slate-400 px-2 py-1.5">
          {years.map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded bg-brand px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-dark">
        Afficher
      </button>
    </form>
  );
}
