'use client';

import { CommuneOptions, StateFilterOptions } from '@/components/ui/options';
import type { StateFilter } from '@/lib/reports/state-filters';

type Props = {
  communes: { insee: string; name: string }[];
  commune: string;
  state: StateFilter;
  onCommuneChange: (insee: string) => void;
  onStateChange: (state: StateFilter) => void;
};

export function ReportMapFilters({ communes, commune, state, onCommuneChange, onStateChange }: Props) {
  return (
    <>
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor="filtre-commune" className="text-sm font-medium">
          Commune
        </label>
        <select
          id="filtre-commune"
          value={commune}
          onChange={(event) => onCommuneChange(event.target.value)}
          className="w-full min-w-0 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm sm:w-auto"
        >
          <CommuneOptions communes={communes} emptyLabel="Toutes les communes" />
        </select>
      </div>
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor="filtre-etat" className="text-sm font-medium">
          État
        </label>
        <select
          id="filtre-etat"
          value={state}
          onChange={(event) => onStateChange(event.target.value as StateFilter)}
          className="w-full min-w-0 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm sm:w-auto"
        >
          <StateFilterOptions />
        </select>
      </div>
    </>
  );
}
