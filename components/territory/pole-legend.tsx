export type LegendPole = { id: string; name: string; color: string; communes: { insee: string; name: string }[] };

// The legend doubles as the text alternative of the map: every pôle with the communes it serves.
export function PoleLegend({ poles }: { poles: LegendPole[] }) {
  return (
    <section aria-labelledby="legende-poles" className="space-y-3">
      <h2 id="legende-poles" className="text-base font-semibold">
        Les 7 pôles de proximité
      </h2>
      <ul className="space-y-3">
        {poles.map((pole) => (
          <li key={pole.id} className="flex gap-3">
            <span
              aria-hidden
              className="mt-1 size-4 shrink-0 rounded-sm border border-slate-700"
              style={{ backgroundColor: pole.color }}
            />
            <div>
              <p className="font-medium">{pole.name}</p>
              <p className="text-sm text-slate-600">{pole.communes.map((c) => c.name).join(', ')}</p>
            </div>
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-500">
        Le regroupement des communes en pôles est une hypothèse de travail en attendant la liste officielle.
      </p>
    </section>
  );
}
