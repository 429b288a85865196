import { describe, expect, it } from 'vitest';
import { formatDate, formatDue, formatShortDue } from '@/lib/format';

describe('dates in French', () => {
  it('writes the first of the month « 1er », and only it', () => {
    expect(formatDate('2026-12-01')).toBe('1er décembre 2026');
    expect(formatDate('2026-12-11')).toBe('11 décembre 2026');
    expect(formatDue(new Date('2026-12-01T13:30:00Z'))).toBe('le mardi 1er décembre 2026 à 14:30');
  });
});

describe('due dates as people read them', () => {
  it('gives the day and the time of an ordinary due date, in Paris time', () => {
    expect(formatDue(new Date('2026-12-03T13:30:00Z'))).toBe('le jeudi 3 décembre 2026 à 14:30');
  });

  it('reads a midnight due date as the end of the day before', () => {
    expect(formatDue(new Date('2026-12-02T23:00:00Z'))).toBe('le mercredi 2 décembre 2026 en fin de journée');
    expect(formatShortDue(new Date('2026-12-02T23:00:00Z'))).toBe('2 déc. 2026');
    expect(formatShortDue(new Date('2026-12-03T13:30:00Z'))).toBe('3 déc. 2026');
  });
});
