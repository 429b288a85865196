import { inputClass } from '@/components/ui/field';

type Props = { owners: { id: number; name: string }[]; ownerId: number; selfId: number };

// Whose round the page shows: a plain GET form, so it works before any JavaScript.
export function RoundOwnerPicker({ owners, ownerId, selfId }: Props) {
  if (owners.filter((person) => person.id !== selfId).length === 0) return null;
  return (
    <form method="get" action="/gestion/tournee" className="flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="round-pour" className="block text-sm font-medium">
          Tournée de
        </label>
        <select id="round-pour" name="pour" defaultValue={ownerId} className={inputClass()}>
          {owners.map((person) => (
            <option key={person.id} value={person.id}>
              {person.id === selfId ? `${person.name} (moi)` : person.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded border border-brand px-4 py-2.5 font-semibold text-brand hover:bg-blue-50">
        Afficher
      </button>
    </form>
  );
}
