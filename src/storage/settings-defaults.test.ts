import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, sameSettings } from './settings-defaults';

describe('sameSettings', () => {
  it('is true for equal values, the price compared by value', () => {
    const price = { payment: 'on', price: { amount: 1500, currency: 'EUR' }, checkedAt: 1 } as const;
    expect(sameSettings({ ...DEFAULT_SETTINGS }, { ...DEFAULT_SETTINGS })).toBe(true);
    expect(sameSettings({ ...DEFAULT_SETTINGS, lastKnownPrice: price }, { ...DEFAULT_SETTINGS, lastKnownPrice: { ...price } })).toBe(true);
  });

  it('is false when any one setting differs', () => {
    const changes = { language: 'de', theme: 'dark', notifications: 'enabled', sound: false, wakeLock: false, installHintDismissed: true, persistRequested: true, lastKnownPrice: { payment: 'off', checkedAt: 2 } } as const;
    expect(Object.keys(changes).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    for (const [key, value] of Object.entries(changes)) expect(sameSettings(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, [key]: value }), key).toBe(false);
  });
});
