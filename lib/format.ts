// Dates as residents read them: French, Paris time whatever the server's zone. Pure, for server and browser alike.

const PARIS = { timeZone: 'Europe/Paris' } as const;
const date = new Intl.DateTimeFormat('fr-FR', { ...PARIS, dateStyle: 'long' });
const shortDate = new Intl.DateTimeFormat('fr-FR', { ...PARIS, dateStyle: 'medium' });
const dateTime = new Intl.DateTimeFormat('fr-FR', { ...PARIS, dateStyle: 'long', timeStyle: 'short' });
const longDateTime = new Intl.DateTimeFormat('fr-FR', { ...PARIS, dateStyle: 'full', timeStyle: 'short' });

type DateInput = Date | string;

/** « 12 janvier 2026 » */
export const formatDate = (value: DateInput) => date.format(new Date(value));

/** « 12 janv. 2026 », where space is short (tables). */
export const formatShortDate = (value: DateInput) => shortDate.format(new Date(value));

/** « 12 janvier 2026 à 14:30 » */
export const formatDateTime = (value: DateInput) => dateTime.format(new Date(value));

/** « lundi 12 janvier 2026 à 14:30 », for a promise worth reading in full (a due date). */
export const formatLongDateTime = (value: DateInput) => longDateTime.format(new Date(value));
