// Dates as residents read them: French, Paris time whatever the server's zone. Pure, for server and browser alike.

const PARIS = { timeZone: 'Europe/Paris' } as const;
const date = new Intl.DateTimeFormat('fr-FR', { ...PARIS, dateStyle: 'long' });
const shortDate = new Intl.DateTimeFormat('fr-FR', { ...PARIS, dateStyle: 'medium' });
const dateTime = new Intl.DateTimeFormat('fr-FR', { ...PARIS, dateStyle: 'long', timeStyle: 'short' });
const longDateTime = new Intl.DateTimeFormat('fr-FR', { ...PARIS, dateStyle: 'full', timeStyle: 'short' });

type DateInput = Date | string;

/** « 1er décembre », as French writes the first of the month. */
const firstOfMonth = (text: string) => text.replace(/(^|\s)1 (?=\p{L})/u, '$11er ');

/** « 12 janvier 2026 » */
export const formatDate = (value: DateInput) => firstOfMonth(date.format(new Date(value)));

/** « 12 janv. 2026 », where space is short (tables). */
export const formatShortDate = (value: DateInput) => shortDate.format(new Date(value));

/** « 12 janvier 2026 à 14:30 » */
export const formatDateTime = (value: DateInput) => firstOfMonth(dateTime.format(new Date(value)));

const parisClock = new Intl.DateTimeFormat('en-GB', { ...PARIS, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const longDate = new Intl.DateTimeFormat('fr-FR', { ...PARIS, dateStyle: 'full' });

/** A due date falling at midnight (one counted from a weekend) is the end of the day before, as people say it. */
const endOfDay = (value: DateInput) => {
  const at = new Date(value);
  return parisClock.format(at) === '00:00' ? new Date(at.getTime() - 60_000) : null;
};

/** « le mardi 3 décembre 2026 à 14:30 », or « le lundi 2 décembre 2026 en fin de journée ». */
export function formatDue(value: DateInput): string {
  const eve = endOfDay(value);
  return firstOfMonth(eve ? `le ${longDate.format(eve)} en fin de journée` : `le ${longDateTime.format(new Date(value))}`);
}

/** « 3 déc. 2026 », the day before for a midnight due date (tables). */
export const formatShortDue = (value: DateInput) => shortDate.format(endOfDay(value) ?? new Date(value));
