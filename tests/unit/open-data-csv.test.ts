import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvField, csvRecord } from '@/lib/open-data/csv';

describe('csvField', () => {
  it('quotes a field holding a comma, a quote or a line break, and doubles its quotes', () => {
    expect(csvField('Voirie, trottoirs')).toBe('"Voirie, trottoirs"');
    expect(csvField('Le « bon » "coin"')).toBe('"Le « bon » ""coin"""');
    expect(csvField('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvField('retour\rchariot')).toBe('"retour\rchariot"');
    expect(csvField('"')).toBe('""""');
  });

  it('leaves other text, numbers and accents as they are, and writes null as an empty field', () => {
    expect(csvField('Pérignat-lès-Sarliève')).toBe('Pérignat-lès-Sarliève');
    expect(csvField('point;virgule')).toBe('point;virgule');
    expect(csvField(45.7772)).toBe('45.7772');
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('');
  });
});

describe('csvRecord', () => {
  it('separates fields with commas and ends with CRLF (RFC 4180)', () => {
    expect(csvRecord(['a', 'b,c', null, 3], (value) => value)).toBe('a,"b,c",,3\r\n');
    expect(csvRecord([{ n: 'x' }], (item) => item.n)).toBe('x\r\n');
  });

  it('starts the file with the UTF-8 byte order mark that Excel needs', () => {
    expect(new TextEncoder().encode(CSV_BOM)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});
