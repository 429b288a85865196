// The public map's and list's state filter, and its words. No zod here: the map's filters import it in the browser.

export const STATE_FILTERS = ['open', 'resolved', 'all'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];
export const STATE_FILTER_LABELS: Record<StateFilter, string> = {
  open: 'En cours',
  resolved: 'Résolus depuis moins de 30 jours',
  all: 'En cours et résolus récemment',
};
