// Numbers as the figures pages say them, in French: « 3 021 », « 72 % », « 31 h », « 3,2 jours ». Pure.

const whole = new Intl.NumberFormat('fr-FR');
const oneDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });

export const formatCount = (value: number) => whole.format(value);

/** A share as a percentage, « — » when there is nothing to divide. */
export const formatShare = (value: number | null) => (value === null ? '—' : percent.format(value));

/** A part of a total as a percentage of it. */
export const formatPart = (count: number, total: number) => (total > 0 ? percent.format(count / total) : '—');

/** A delay in hours: in hours under two days, in days beyond; « — » when there is none. */
export function formatHours(value: number | null): string {
  if (value === null) return '—';
  if (value < 48) return `${Math.max(0, Math.round(value))} h`;
  const days = value / 24;
  return `${oneDecimal.format(days)} jours`;
}
