import { describe, expect, it } from 'vitest';
import { formatClockTime, formatCountdown, formatMinutes } from './format';

describe('format', () => {
  it('counts down in minutes and seconds, rounding up so 0:00 means over', () => {
    expect(formatCountdown(60 * 60 * 1000)).toBe('1:00:00');
    expect(formatCountdown(59 * 60 * 1000 + 7_000)).toBe('59:07');
    expect(formatCountdown(999)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5000)).toBe('0:00');
  });

  it('speaks minutes in the UI language', () => {
    expect(formatMinutes(59 * 60 * 1000 + 1, 'en')).toBe('60 minutes');
    expect(formatMinutes(60_000, 'de')).toBe('1 Minute');
  });

  it('shows clock times the way each language writes them', () => {
    const at = Date.UTC(2026, 10, 24, 14, 32);
    const offset = new Date(at).getTimezoneOffset();
    const local = at + offset * 60_000; // 14:32 in the test machine's zone
    expect(formatClockTime(local, 'de')).toBe('14:32');
    expect(formatClockTime(local, 'en')).toMatch(/^(14:32|2:32\s?PM)$/i);
  });
});
