// Settings: language, appearance, notifications, screen, storage on this device, install.
import { useEffect, useId, useState } from 'preact/hooks';
import { LANGUAGE_NAMES, SUPPORTED_LOCALES, isLocale } from '../../i18n/languages';
import { useT } from '../hooks/use-t';
import { useSettings, type Theme } from '../hooks/use-settings';
import { useHydrated } from '../hooks/use-hydrated';
import { NotificationSwitch } from '../components/notification-switch';
import { WakeLockSwitch } from '../components/wake-lock-switch';
import { InstallHelp } from '../components/install-help';

const THEMES: readonly Theme[] = ['system', 'light', 'dark'];
const THEME_KEYS = { system: 'settings.themeSystem', light: 'settings.themeLight', dark: 'settings.themeDark' } as const;
const AUTO = 'auto';

export function SettingsScreen() {
  const t = useT();
  const { settings, changeLanguage, updateSettings } = useSettings();
  const languageId = useId();
  const hydrated = useHydrated();
  return (
    <section class="screen">
      <h1 tabIndex={-1}>{t('settings.title')}</h1>
      {/* The prerendered controls show the defaults; once in the browser they are made afresh from this device's settings. */}
      <div key={hydrated ? 'device' : 'prerendered'}>
        <div class="field">
          <label for={languageId}>{t('settings.language')}</label>
          <select
            id={languageId}
            value={settings.language ?? AUTO}
            onChange={(event) => {
              const value = event.currentTarget.value;
              void changeLanguage(isLocale(value) ? value : null);
            }}
          >
            <option value={AUTO}>{t('settings.languageAuto')}</option>
            {SUPPORTED_LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </div>
        <fieldset class="field">
          <legend>{t('settings.theme')}</legend>
          <div class="choice-row">
            {THEMES.map((theme) => (
              <label key={theme} class="choice">
                <input type="radio" name="theme" value={theme} checked={settings.theme === theme} onChange={() => void updateSettings({ theme })} />
                <span>{t(THEME_KEYS[theme])}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {/*
        What only this device can tell (notification permission, wake lock, storage, installed or not) is not in the
        prerendered page: it appears below everything else once the app runs, so nothing already shown moves.
      */}
      {hydrated ? <DeviceSettings /> : null}
    </section>
  );
}

/** Whether the browser keeps this site's data when space runs low; undefined while it is asked, null if it cannot say. */
function usePersistedStorage(): [boolean | null | undefined, (persisted: boolean) => void] {
  const [persisted, setPersisted] = useState<boolean | null | undefined>(undefined);
  useEffect(() => {
    const ask = navigator.storage?.persisted?.bind(navigator.storage);
    if (!ask) setPersisted(null);
    else ask().then(setPersisted, () => setPersisted(null));
  }, []);
  return [persisted, setPersisted];
}

/** Shown all at once when the storage answer is in (a moment), so no part of it pushes another down as it arrives. */
function DeviceSettings() {
  const t = useT();
  const [persisted, setPersisted] = usePersistedStorage();
  if (persisted === undefined) return null;
  return (
    <>
      <h2>{t('settings.notificationsTitle')}</h2>
      <p class="muted">{t('notifications.why')}</p>
      <NotificationSwitch />
      <WakeLockSwitch title={t('settings.wakeLockTitle')} />
      {persisted !== null ? (
        <>
          <h2>{t('settings.storageTitle')}</h2>
          <StorageStatus persisted={persisted} onPersisted={setPersisted} />
        </>
      ) : null}
      <InstallHelp title={t('settings.installTitle')} />
    </>
  );
}

function StorageStatus({ persisted, onPersisted }: { persisted: boolean; onPersisted: (persisted: boolean) => void }) {
  const t = useT();
  const [refused, setRefused] = useState(false);
  if (persisted) return <p>{t('settings.storagePersisted')}</p>;
  return (
    <>
      <p>{t('settings.storageNotPersisted')}</p>
      {refused ? (
        <p class="muted">{t('settings.storageRefused')}</p>
      ) : (
        <button
          type="button"
          class="button button--small button--quiet"
          onClick={async () => {
            const granted = (await navigator.storage.persist()) === true;
            onPersisted(granted);
            setRefused(!granted);
          }}
        >
          {t('settings.storageAsk')}
        </button>
      )}
    </>
  );
}
