// The app frame: language and theme, header and navigation, the SW notices (in the flow, under the header), routes (code-split).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso';
import { LanguageContext } from './hooks/use-t';
import { browserLocale, currentLocale, switchLanguage } from '../i18n/i18n';
import type { Locale } from '../i18n/languages';
import { AppHeader } from './components/app-header';
import { ConnectionStatus } from './components/connection-status';
import { ReloadPrompt } from './components/reload-prompt';
import { HomeScreen } from './screens/home-screen';
import { titleFor } from './route-titles';
import { focusHeadingWhenShown } from './focus-heading';
import { applyTheme } from './startup-settings';
import { SettingsContext, type Settings, type SettingsApi } from './hooks/use-settings';
import { DEFAULT_SETTINGS, updateSettings as saveSettings } from '../storage/settings-store';

const GuideScreen = lazy(() => import('./screens/guide-screen').then((m) => m.GuideScreen));
const CaseScreen = lazy(() => import('./screens/case-screen').then((m) => m.CaseScreen));
const OrdersScreen = lazy(() => import('./screens/orders-screen').then((m) => m.OrdersScreen));
const SettingsScreen = lazy(() => import('./screens/settings-screen').then((m) => m.SettingsScreen));
const AboutScreen = lazy(() => import('./screens/about-screen').then((m) => m.AboutScreen));
const AdminScreen = lazy(() => import('./screens/admin-screen').then((m) => m.AdminScreen));
const NotFoundScreen = lazy(() => import('./screens/not-found-screen').then((m) => m.NotFoundScreen));

interface AppProps {
  initialSettings?: Settings;
}

// When prerendering, @preact/preset-vite points `location` at the route being rendered.
export function App({ initialSettings }: AppProps) {
  const [language, setLanguage] = useState<Locale>(currentLocale());
  const [settings, setSettings] = useState<Settings>(initialSettings ?? { ...DEFAULT_SETTINGS });

  useEffect(() => {
    applyTheme(settings.theme);
  }, [settings.theme]);

  useEffect(() => {
    void import('./client-start').then((m) => m.startClient());
  }, []);

  const settingsApi: SettingsApi = {
    settings,
    changeLanguage: async (next) => {
      const chosen = next ?? browserLocale();
      await switchLanguage(chosen);
      setLanguage(chosen);
      setSettings(await saveSettings({ language: next }));
    },
    updateSettings: async (patch) => {
      setSettings((current) => ({ ...current, ...patch }));
      setSettings(await saveSettings(patch));
    },
  };

  return (
    <LanguageContext.Provider value={language}>
      <SettingsContext.Provider value={settingsApi}>
        <LocationProvider>
          <Frame language={language} />
        </LocationProvider>
      </SettingsContext.Provider>
    </LanguageContext.Provider>
  );
}

function Frame({ language }: { language: Locale }) {
  const { path } = useLocation();
  useEffect(() => {
    document.title = titleFor(path);
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
    <div class="app" data-route={path} data-lang={language}>
      <AppHeader />
      <ConnectionStatus />
      <ReloadPrompt />
      <main id="main" class="main">
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
      </main>
    </div>
  );
}
