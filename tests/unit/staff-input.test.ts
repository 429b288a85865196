import { describe, expect, it } from 'vitest';
import { moveInput, STAFF_TEXT_MAX } from '@/lib/reports/staff-input';

// A staff text as the browser sends it: line breaks as CRLF, which the textarea's maxlength counts as one character.

describe('a solution typed in the staff form', () => {
  it('counts a line break once, as the form’s maxlength did', () => {
    const line = 'Chaussée reprise.';
    const lines = Array.from({ length: Math.floor(STAFF_TEXT_MAX / (line.length + 1)) }, () => line);
    const typed = lines.join('\r\n');
    expect(typed.replace(/\r\n/g, '\n').length).toBeLessThanOrEqual(STAFF_TEXT_MAX);
    expect(typed.length).toBeGreaterThan(STAFF_TEXT_MAX);
    const parsed = moveInput.safeParse({ reference: 'PC-2026-000123', version: '1', to: 'resolved', text: typed });
    expect(parsed.success).toBe(true);
    if (parsed.success && 'text' in parsed.data) expect(parsed.data.text).toBe(lines.join('\n'));
  });

  it('still refuses a text longer than the limit', () => {
    const parsed = moveInput.safeParse({
      reference: 'PC-2026-000123',
      version: '1',
      to: 'resolved',
      text: 'x'.repeat(STAFF_TEXT_MAX + 1),
    });
    expect(parsed.success).toBe(false);
  });
});
