import { describe, expect, it } from 'vitest';
import { formatClockTime, formatCountdown, formatDateTime, formatMinutes, formattingLocale } from './format';

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
    expect(formatClockTime(local, 'de', [])).toBe('14:32');
    expect(formatClockTime(local, 'en', [])).toMatch(/^2:32\sPM$/);
  });

  it('writes the clock the way the region of the reader does: en-GB 24-hour, en-US 12-hour', () => {
    const local = new Date(2026, 11, 1, 21, 50).getTime();
    expect(formatClockTime(local, 'en', ['en-GB', 'en'])).toBe('21:50');
    expect(formatClockTime(local, 'en', ['en-US', 'en'])).toMatch(/^9:50\sPM$/);
    expect(formatDateTime(local, 'en', ['en-GB'])).toBe('1 Dec, 21:50');
    expect(formatDateTime(local, 'en', ['en-US'])).toMatch(/^Dec 1, 9:50\sPM$/);
    expect(formatMinutes(90 * 60_000, 'en', ['en-GB'])).toBe('90 minutes');
  });

  it('takes the region from the browser, keeping the UI language', () => {
    expect(formattingLocale('en', ['en-GB', 'en'])).toBe('en-GB');
    expect(formattingLocale('en', ['en', 'en-GB'])).toBe('en-GB');
    expect(formattingLocale('en', ['de-DE', 'en'])).toBe('en-DE');
    expect(formattingLocale('de', ['de-AT', 'de'])).toBe('de-AT');
    expect(formattingLocale('fr', ['fr_BE'])).toBe('fr-BE');
    expect(formattingLocale('nl', ['en-US'])).toBe('nl-US');
    expect(formattingLocale('en', ['en'])).toBe('en');
    expect(formattingLocale('it', [])).toBe('it');
    expect(formattingLocale('en', ['not a tag!', 'en-IE'])).toBe('en-IE');
  });
});
