import { describe, expect, it } from 'vitest';
import { addWorkingDays, dueAtFor, easterSunday, frenchHolidays, isWorkingDay } from '@/lib/reports/sla';

// Paris times written with their offset: +01:00 in winter, +02:00 in summer.
const paris = (iso: string) => new Date(iso);

describe('Easter and the holidays that follow it', () => {
  it.each([
    [2024, [3, 31]],
    [2025, [4, 20]],
    [2026, [4, 5]],
    [2027, [3, 28]],
    [2038, [4, 25]],
  ])('puts Easter %i on the right Sunday', (year, expected) => {
    expect(easterSunday(year)).toEqual(expected);
  });

  it('lists the 11 national holidays of 2026 with Easter Monday, Ascension and Whit Monday', () => {
    expect([...frenchHolidays(2026)].sort()).toEqual(
      ['01-01', '04-06', '05-01', '05-08', '05-14', '05-25', '07-14', '08-15', '11-01', '11-11', '12-25'].sort(),
    );
  });

  it('moves the Easter-based holidays with the year', () => {
    expect(frenchHolidays(2025).has('04-21')).toBe(true); // lundi de Pâques
    expect(frenchHolidays(2025).has('05-29')).toBe(true); // Ascension
    expect(frenchHolidays(2025).has('06-09')).toBe(true); // lundi de Pentecôte
    expect(frenchHolidays(2027).has('03-29')).toBe(true);
    expect(frenchHolidays(2027).has('05-06')).toBe(true);
    expect(frenchHolidays(2027).has('05-17')).toBe(true);
  });
});

describe('working days', () => {
  it('excludes weekends and holidays, in Paris time', () => {
    expect(isWorkingDay(paris('2026-03-02T09:00:00+01:00'))).toBe(true); // Monday
    expect(isWorkingDay(paris('2026-03-07T09:00:00+01:00'))).toBe(false); // Saturday
    expect(isWorkingDay(paris('2026-07-14T09:00:00+02:00'))).toBe(false);
    // 23:30 UTC on Friday is already Saturday in Paris.
    expect(isWorkingDay(new Date('2026-03-06T23:30:00Z'))).toBe(false);
  });

  it('jumps a weekend: Friday plus 2 working days is Tuesday at the same hour', () => {
    expect(addWorkingDays(paris('2026-03-06T10:00:00+01:00'), 2)).toEqual(paris('2026-03-10T10:00:00+01:00'));
  });

  it('starts a weekend report at midnight opening Monday', () => {
    expect(addWorkingDays(paris('2026-03-07T15:00:00+01:00'), 2)).toEqual(paris('2026-03-11T00:00:00+01:00'));
  });

  it('skips Easter Monday, Ascension and the Whit Monday of 2026', () => {
    expect(addWorkingDays(paris('2026-04-03T10:00:00+02:00'), 1)).toEqual(paris('2026-04-07T10:00:00+02:00'));
    expect(addWorkingDays(paris('2026-05-13T10:00:00+02:00'), 1)).toEqual(paris('2026-05-15T10:00:00+02:00'));
    expect(addWorkingDays(paris('2026-05-22T10:00:00+02:00'), 1)).toEqual(paris('2026-05-26T10:00:00+02:00'));
  });

  it('crosses the year end over Christmas and New Year', () => {
    // Thursday 24 December 2026 + 5: 28, 29, 30, 31 December, then 1 January is a holiday, 2–3 a weekend: Monday 4.
    expect(addWorkingDays(paris('2026-12-24T16:00:00+01:00'), 5)).toEqual(paris('2027-01-04T16:00:00+01:00'));
    // The first week of May 2026: Friday 1 and Friday 8 are holidays.
    expect(addWorkingDays(paris('2026-04-30T09:00:00+02:00'), 5)).toEqual(paris('2026-05-11T09:00:00+02:00'));
  });

  it('keeps the Paris clock time across the change to summer time', () => {
    expect(addWorkingDays(paris('2026-03-27T10:00:00+01:00'), 1)).toEqual(paris('2026-03-30T10:00:00+02:00'));
  });

  it('takes the number of days of each severity from the editable levels', () => {
    const from = paris('2026-03-02T09:00:00+01:00');
    expect(dueAtFor('low', from, { high: 1, medium: 2, low: 10 })).toEqual(paris('2026-03-16T09:00:00+01:00'));
    expect(dueAtFor('high', from, { high: 1, medium: 2, low: 10 })).toEqual(paris('2026-03-03T09:00:00+01:00'));
  });
});
