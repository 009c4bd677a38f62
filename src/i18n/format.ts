// Times and durations for people: clock times and countdowns through Intl, in the UI's language.
import type { Locale } from './languages';

/** "14:32" (or "2:32 PM" where the language says so): when a countdown ends. */
export function formatClockTime(epochMs: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(epochMs);
}

/** "59:07" or "1:00:00": the ticking figure; digits only, so it reads the same in every language. */
export function formatCountdown(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const mm = String(minutes).padStart(hours > 0 ? 2 : 1, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** "59 minutes" / "59 Minuten": the same figure for screen readers and notifications, rounded up. */
export function formatMinutes(ms: number, locale: Locale): string {
  const minutes = Math.max(0, Math.ceil(ms / 60_000));
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes);
}

/** A date and time for lists ("24 Nov, 14:32"). */
export function formatDateTime(epochMs: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(epochMs);
}
