// Settings: language and appearance (more arrive with notifications and workshop options).
import { useId } from 'preact/hooks';
import { LANGUAGE_NAMES, SUPPORTED_LOCALES, isLocale } from '../../i18n/languages';
import { useLocale, useT } from '../hooks/use-t';
import { useSettings, type Theme } from '../hooks/use-settings';

const THEMES: readonly Theme[] = ['system', 'light', 'dark'];
const THEME_KEYS = { system: 'settings.themeSystem', light: 'settings.themeLight', dark: 'settings.themeDark' } as const;

export function SettingsScreen() {
  const t = useT();
  const locale = useLocale();
  const { settings, changeLanguage, updateSettings } = useSettings();
  const languageId = useId();
  return (
    <section class="screen">
      <h1 tabIndex={-1}>{t('settings.title')}</h1>
      <div class="field">
        <label for={languageId}>{t('settings.language')}</label>
        <select
          id={languageId}
          value={locale}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isLocale(value)) void changeLanguage(value);
          }}
        >
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
              <input
                type="radio"
                name="theme"
                value={theme}
                checked={settings.theme === theme}
                onChange={() => void updateSettings({ theme })}
              />
              <span>{t(THEME_KEYS[theme])}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}
