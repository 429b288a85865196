import type { Severity } from '@/db/schema';

// The service promise: a report is handled within 48 hours to 5 days depending on its severity, counted in working days
// of Paris (weekends and French public holidays do not count). How many days each severity gives is editable data
// (the severity_levels table); the calendar below is law, not data.

export type SeverityDays = Record<Severity, number>;

/** The seeded promise (db/data/severity-levels.json), for callers that have not read the table. */
export const DEFAULT_SEVERITY_DAYS: SeverityDays = { high: 2, medium: 3, low: 5 };

const DAY_MS = 24 * 3_600_000;
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function parisWallClock(at: Date): WallClock {
  const get = (type: string) => Number(parts.formatToParts(at).find((p) => p.type === type)!.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The instant at which Paris clocks show this wall-clock time (the first one, on the autumn change). */
function fromParisWallClock(w: WallClock): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  let guess = asUtc - 3_600_000;
  for (let i = 0; i < 3; i++) {
    const seen = parisWallClock(new Date(guess));
    const seenUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
    guess += asUtc - seenUtc;
  }
  return new Date(guess);
}

/** Easter Sunday (Gregorian, Meeus/Jones/Butcher) as [month, day]. */
export function easterSunday(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

const key = (month: number, day: number) => `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const holidayCache = new Map<number, Set<string>>();

/** The 11 French public holidays of a year, as MM-DD (Alsace-Moselle's two extra days do not apply here). */
export function frenchHolidays(year: number): Set<string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const [month, day] = easterSunday(year);
  const easter = Date.UTC(year, month - 1, day);
  const afterEaster = (days: number) => {
    const date = new Date(easter + days * DAY_MS);
    return key(date.getUTCMonth() + 1, date.getUTCDate());
  };
  const holidays = new Set([
    '01-01',
    afterEaster(1), // lundi de Pâques
    '05-01',
    '05-08',
    afterEaster(39), // Ascension
    afterEaster(50), // lundi de Pentecôte
    '07-14',
    '08-15',
    '11-01',
    '11-11',
    '12-25',
  ]);
  holidayCache.set(year, holidays);
  return holidays;
}

function isWorkingDate(year: number, month: number, day: number): boolean {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !frenchHolidays(year).has(key(month, day));
}

export function isWorkingDay(at: Date): boolean {
  const w = parisWallClock(at);
  return isWorkingDate(w.year, w.month, w.day);
}

const nextDate = (w: WallClock): WallClock => {
  const date = new Date(Date.UTC(w.year, w.month - 1, w.day) + DAY_MS);
  return { ...w, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};

/**
 * `days` working days after `from`, at the same Paris clock time. A report made on a weekend or a holiday starts
 * counting at midnight opening the next working day, so it gets `days` whole working days too.
 */
export function addWorkingDays(from: Date, days: number): Date {
  let w = parisWallClock(from);
  if (!isWorkingDate(w.year, w.month, w.day)) {
    do w = nextDate(w);
    while (!isWorkingDate(w.year, w.month, w.day));
    w = { ...w, hour: 0, minute: 0, second: 0 };
  }
  for (let left = days; left > 0;) {
    w = nextDate(w);
    if (isWorkingDate(w.year, w.month, w.day)) left--;
  }
  return fromParisWallClock(w);
}

/** When a report of this severity, received (or reopened) at `from`, is due. */
export function dueAtFor(severity: Severity, from: Date, days: SeverityDays = DEFAULT_SEVERITY_DAYS): Date {
  return addWorkingDays(from, days[severity]);
}

export function isOverdue(dueAt: Date, isOpen: boolean, now: Date = new Date()): boolean {
  return isOpen && dueAt.getTime() < now.getTime();
}
