import type { Channel, Severity } from '@/db/schema';

// Words for fixed sets, shared by the public and staff pages (labels of editable sets are data in the database).

export const CHANNEL_LABELS: Record<Channel, string> = {
  web: 'site web',
  phone: 'téléphone',
  counter: 'accueil en mairie',
  api: 'application partenaire',
};

/** Short severity words for tables; the select shows the editable label of severity_levels. */
export const SEVERITY_SHORT_LABELS: Record<Severity, string> = { high: 'Haute', medium: 'Moyenne', low: 'Basse' };
