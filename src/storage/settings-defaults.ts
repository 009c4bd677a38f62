// The shape and defaults of the device's preferences, apart from the store (settings-store.ts) so that a screen can
// start from the defaults without loading the storage code.
import type { Locale } from '../domain/locales';
import type { Price } from '../domain/price';

export type Theme = 'system' | 'light' | 'dark';
/** 'unasked': never offered; 'declined': the user said no in our own prompt (we do not ask the browser then). */
export type NotificationChoice = 'unasked' | 'enabled' | 'declined';

/** The order price as the service last told it (kept for offline), or that it takes no payment; null: never asked. */
export type KnownPrice = { payment: 'on'; price: Price; checkedAt: number } | { payment: 'off'; checkedAt: number };

export interface Settings {
  /** null: follow the browser's language. */
  language: Locale | null;
  theme: Theme;
  notifications: NotificationChoice;
  /** A sound when a countdown ends. */
  sound: boolean;
  /** Keep the screen on during countdowns (Screen Wake Lock). */
  wakeLock: boolean;
  installHintDismissed: boolean;
  /** navigator.storage.persist() was asked once; browsers may not ask the user again. */
  persistRequested: boolean;
  lastKnownPrice: KnownPrice | null;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  language: null,
  theme: 'system',
  notifications: 'unasked',
  sound: true,
  wakeLock: true,
  installHintDismissed: false,
  persistRequested: false,
  lastKnownPrice: null,
};


/** Whether two settings say the same (the price compared by value): the app keeps what it has when they do. */
export function sameSettings(a: Readonly<Settings>, b: Readonly<Settings>): boolean {
  return (Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>).every((key) =>
    key === 'lastKnownPrice' ? JSON.stringify(a[key]) === JSON.stringify(b[key]) : a[key] === b[key],
  );
}
