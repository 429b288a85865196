import { WITHHELD } from '@/lib/open-data/columns';

export function WithheldList() {
  return (
    <ul className="list-disc space-y-1 pl-6">
      {WITHHELD.map(({ what, why }) => (
        <li key={what}>
          <strong className="font-semibold">{what}</strong> : {why}.
        </li>
      ))}
    </ul>
  );
}
