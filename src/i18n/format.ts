// Times and durations for people: clock times and countdowns through Intl, in the UI's language and the reader's region.
import type { Locale } from './languages';

/** The browser's language preferences (["en-GB", "en"]); none outside a browser (prerender, tests). */
export function browserPreferences(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : navigator.language ? [navigator.language] : [];
}

/**
 * The Intl locale for dates and numbers: the UI speaks `language`, but the clock and number style belong
 * to the reader's region. So "en" with a browser set to en-GB formats as en-GB (21:50, not 9:50 PM); a
 * German browser showing the English UI formats as en-DE (24-hour); with no region anywhere, the language
 * alone (CLDR's default: en is the US style).
 */
export function formattingLocale(language: Locale, preferences: readonly string[] = browserPreferences()): string {
  const tags = preferences.flatMap((tag) => {
    try {
      return [new Intl.Locale(tag.replace(/_/g, '-'))];
    } catch {
      return []; // a malformed preference is skipped, not fatal
    }
  });
  const sameLanguage = tags.find((tag) => tag.language === language && tag.region !== undefined);
  if (sameLanguage) return sameLanguage.toString();
  const region = tags.find((tag) => tag.region !== undefined)?.region;
  return region ? `${language}-${region}` : language;
}

/**
 * One formatter per kind, language and browser preferences, made once: building an Intl formatter costs far more
 * than using one, and the workshop list formats a clock time for each of its cars on every tick.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function formatterFor<F extends Intl.DateTimeFormat | Intl.NumberFormat>(
  kind: string,
  language: Locale,
  preferences: readonly string[],
  make: (locale: string) => F,
): F {
  const key = `${kind}|${language}|${preferences.join(',')}`;
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = make(formattingLocale(language, preferences));
    formatters.set(key, formatter);
  }
  return formatter;
}

/** "21:50" (or "9:50 PM" where the reader's region writes it so): when a countdown ends. */
export function formatClockTime(epochMs: number, language: Locale, preferences: readonly string[] = browserPreferences()): string {
  return formatterFor('clock', language, preferences, (locale) => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' })).format(epochMs);
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
export function formatMinutes(ms: number, language: Locale, preferences: readonly string[] = browserPreferences()): string {
  const minutes = Math.max(0, Math.ceil(ms / 60_000));
  return formatterFor('minutes', language, preferences, (locale) => new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' })).format(minutes);
}

/** A date and time for lists ("24 Nov, 21:50"). */
export function formatDateTime(epochMs: number, language: Locale, preferences: readonly string[] = browserPreferences()): string {
  return formatterFor('dateTime', language, preferences, (locale) =>
    new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }),
  ).format(epochMs);
}
