// Owns the device's preferences (settings store): one record per key, read back with defaults and checked on the way out.
import { SUPPORTED_LOCALES, type Locale } from '../domain/locales';
import { readTransaction, writeTransaction } from './db';
import { isPrice } from '../domain/price';
import { DEFAULT_SETTINGS, type KnownPrice, type Settings, type Theme, type NotificationChoice } from './settings-defaults';

export { DEFAULT_SETTINGS, type KnownPrice, type Settings, type Theme, type NotificationChoice };


const CHECKS: { [K in keyof Settings]: (value: unknown) => value is Settings[K] } = {
  language: (v): v is Locale | null => v === null || (SUPPORTED_LOCALES as readonly unknown[]).includes(v),
  theme: (v): v is Theme => v === 'system' || v === 'light' || v === 'dark',
  notifications: (v): v is NotificationChoice => v === 'unasked' || v === 'enabled' || v === 'declined',
  sound: isBoolean,
  wakeLock: isBoolean,
  installHintDismissed: isBoolean,
  persistRequested: isBoolean,
  lastKnownPrice: isKnownPrice,
};

function isKnownPrice(value: unknown): value is KnownPrice | null {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  const { payment, price, checkedAt } = value as Record<string, unknown>;
  if (typeof checkedAt !== 'number') return false;
  return payment === 'off' || (payment === 'on' && isPrice(price));
}

function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}

function isSettingKey(key: string): key is keyof Settings {
  return Object.hasOwn(CHECKS, key);
}

/** All settings; a missing or unreadable value (an older or newer app wrote it) falls back to its default. */
export async function getSettings(): Promise<Settings> {
  const records = await readTransaction(['settings'], (tx) => tx.objectStore('settings').getAll());
  const settings: Settings = { ...DEFAULT_SETTINGS };
  for (const { key, value } of records) {
    if (isSettingKey(key) && CHECKS[key](value)) (settings as Record<keyof Settings, unknown>)[key] = value;
  }
  return settings;
}

export async function getSetting<K extends keyof Settings>(key: K): Promise<Settings[K]> {
  const record = await readTransaction(['settings'], (tx) => tx.objectStore('settings').get(key));
  return record && CHECKS[key](record.value) ? (record.value as Settings[K]) : DEFAULT_SETTINGS[key];
}

/** Writes the given settings together. Returns the full settings after the write. */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  await writeTransaction(['settings'], async (tx) => {
    const store = tx.objectStore('settings');
    for (const [key, value] of Object.entries(patch)) {
      if (!isSettingKey(key) || !CHECKS[key](value)) throw new TypeError(`Invalid setting ${key}`);
      await store.put({ key, value });
    }
  });
  return getSettings();
}
