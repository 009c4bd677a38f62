import { afterEach, beforeEach, expect, it } from 'vitest';
import { closeDb, getDb, useDatabase } from './db';
import { DEFAULT_SETTINGS, getSetting, getSettings, updateSettings } from './settings-store';

beforeEach(async () => {
  await useDatabase(`settings-test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await closeDb();
});

it('returns defaults, stores changes, and ignores values it cannot read', async () => {
  expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  await updateSettings({ language: 'fr', theme: 'dark', installHintDismissed: true });
  expect(await getSettings()).toMatchObject({ language: 'fr', theme: 'dark', installHintDismissed: true, sound: true });
  expect(await getSetting('theme')).toBe('dark');
  await (await getDb()).put('settings', { key: 'theme', value: 'neon' });
  expect(await getSetting('theme')).toBe('system');
  await expect(updateSettings({ theme: 'neon' as never })).rejects.toThrow(TypeError);
});
