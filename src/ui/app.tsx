// The app frame: language and theme, header and navigation, the SW notices (in the flow, under the header), routes (code-split, see screens.ts).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { LanguageContext } from './hooks/use-t';
import { browserLocale, currentLocale, switchLanguage } from '../i18n/i18n';
import type { Locale } from '../i18n/languages';
import { AppHeader } from './components/app-header';
import { AboutScreen, AdminScreen, CaseScreen, GuideScreen, HomeScreen, NotFoundScreen, OrdersScreen, SettingsScreen } from './screens';
import { titleFor } from './route-titles';
import { focusHeadingWhenShown } from './focus-heading';
import { applyTheme, loadSavedSettings } from './saved-settings';
import { rememberPreferences } from './preference-cookie';
import { whenIdle } from './when-idle';
import { SettingsContext, type Settings, type SettingsApi } from './hooks/use-settings';
import { useLazyComponent } from './hooks/use-lazy-component';
import { DEFAULT_SETTINGS, sameSettings } from '../storage/settings-defaults';
import { SHELL_ROUTE } from '../domain/prerendered-pages';

/** The settings store (and idb) loads on the first change, not with the page. */
async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  return (await import('../storage/settings-store')).updateSettings(patch);
}

interface AppProps {
  initialSettings?: Settings;
  /** The prerendered shell of routes rendered on the device: header and navigation, an empty main. */
  shell?: boolean;
  /** The device's settings, already being read (start-up opens storage while it fetches the app). */
  pendingSettings?: Promise<Settings>;
}

// When prerendering, @preact/preset-vite points `location` at the route being rendered.
export function App({ initialSettings, shell = false, pendingSettings }: AppProps) {
  const [language, setLanguage] = useState<Locale>(currentLocale());
  const [settings, setSettings] = useState<Settings>(initialSettings ?? { ...DEFAULT_SETTINGS });

  useEffect(() => {
    applyTheme(settings.theme);
  }, [settings.theme]);

  useEffect(() => {
    void import('./background-work').then((m) => m.startBackgroundWork());
  }, []);

  // The page is already in the saved language and theme (the service worker or the server chose it); the rest of the
  // settings arrive from device storage after the first render. Only if neither knew the saved language, switch now.
  // A change made before the device answered is newer than what it answers.
  const changedMeanwhile = useRef(false);
  useEffect(() => {
    if (initialSettings) return;
    let live = true;
    void (pendingSettings ?? loadSavedSettings()).then(async (saved) => {
      if (!live || changedMeanwhile.current) return;
      // Most visits read back what the page already shows: keep the same object, and nothing re-renders.
      setSettings((current) => (sameSettings(current, saved) ? current : saved));
      whenIdle(() => rememberPreferences(saved)); // for the next visit without a service worker: no hurry
      if (saved.language && saved.language !== currentLocale()) {
        await switchLanguage(saved.language);
        if (live) setLanguage(saved.language);
      }
    });
    return () => {
      live = false;
    };
  }, []);

  // One object per settings value: the screens that read settings re-render when they change, and only those.
  const settingsApi = useMemo<SettingsApi>(() => ({
    settings,
    changeLanguage: async (next) => {
      changedMeanwhile.current = true;
      const chosen = next ?? browserLocale();
      await switchLanguage(chosen);
      setLanguage(chosen);
      const saved = await saveSettings({ language: next });
      rememberPreferences(saved);
      setSettings(saved);
    },
    updateSettings: async (patch) => {
      changedMeanwhile.current = true;
      setSettings((current) => ({ ...current, ...patch }));
      const saved = await saveSettings(patch);
      rememberPreferences(saved);
      setSettings(saved);
    },
  }), [settings]);

  // The same element while language and shell stay: a settings change re-renders the screens that read settings
  // (through the context), not the whole page.
  const frame = useMemo(() => <Frame language={language} shell={shell} />, [language, shell]);

  return (
    <LanguageContext.Provider value={language}>
      <SettingsContext.Provider value={settingsApi}>
        <LocationProvider>
          {frame}
        </LocationProvider>
      </SettingsContext.Provider>
    </LanguageContext.Provider>
  );
}

function Frame({ language, shell }: { language: Locale; shell: boolean }) {
  const { path } = useLocation();
  useEffect(() => {
    const title = titleFor(path);
    if (document.title !== title) document.title = title; // the prerendered page already has it: no needless DOM write
  }, [path, language]);

  // After a navigation (not on first load), move focus to the new screen's heading so keyboard and
  // screen-reader users land on it. The Router calls onRouteChange once the new route has rendered; the
  // heading itself may come later (a case is read from the device first), so wait for it.
  const stopWaiting = useRef<() => void>(() => undefined);
  useEffect(() => () => stopWaiting.current(), []);
  const onRouteChange = () => {
    stopWaiting.current();
    stopWaiting.current = focusHeadingWhenShown(document.getElementById('main'));
  };

  return (
    <div class="app" data-route={shell ? SHELL_ROUTE : path} data-lang={language}>
      <AppHeader />
      <OfflineBanner />
      <ServiceWorkerNotices />
      <main id="main" class="main">
        {shell ? null : (
          <ErrorBoundary>
            <Router onRouteChange={onRouteChange}>
              <Route path="/" component={HomeScreen} />
              <Route path="/guide/:generation" component={GuideScreen} />
              <Route path="/case/:id" component={CaseScreen} />
              <Route path="/orders" component={OrdersScreen} />
              <Route path="/settings" component={SettingsScreen} />
              <Route path="/about" component={AboutScreen} />
              <Route path="/admin" component={AdminScreen} />
              <Route default component={NotFoundScreen} />
            </Router>
          </ErrorBoundary>
        )}
      </main>
    </div>
  );
}

/**
 * The offline banner and the connectivity judgement behind it come after the first render: nothing is judged
 * before the first request anyway, and the prerendered page never shows the banner.
 */
function OfflineBanner() {
  const Banner = useLazyComponent(() => import('./components/connection-status').then((m) => m.ConnectionStatus));
  return Banner ? <Banner /> : null;
}

/** The update and offline-ready notices come with the service-worker code, after the first render. */
function ServiceWorkerNotices() {
  const Notices = useLazyComponent(() => import('./components/reload-prompt').then((m) => m.ReloadPrompt));
  return Notices ? <Notices /> : null;
}
