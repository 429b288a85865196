import { STATE_FILTER_LABELS } from '@/lib/reports/state-filters';

// The option lists that several selects share (map filters, list filters, the report form's no-map place).

export function CommuneOptions({ communes, emptyLabel }: { communes: { insee: string; name: string }[]; emptyLabel: string }) {
  return (
    <>
      <option value="">{emptyLabel}</option>
      {communes.map((commune) => (
        <option key={commune.insee} value={commune.insee}>
          {commune.name}
        </option>
      ))}
    </>
  );
}

export function StateFilterOptions() {
  return Object.entries(STATE_FILTER_LABELS).map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}
