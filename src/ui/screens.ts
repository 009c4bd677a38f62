// The screens each route opens, loaded on demand with the locale namespaces they need (code and strings together),
// so the first screen fetches only its own and start-up can prefetch them before it hydrates.
import type { ComponentType } from 'preact';
import { lazy } from 'preact-iso';
import { NAMESPACES, loadNamespaces } from '../i18n/i18n';

export type LazyScreen = ComponentType & {
  /** Code and strings (in the current language), as the router would load them. */
  preload(): Promise<unknown>;
  /** The code alone: start-up fetches it while it still reads which language to use. */
  fetchCode(): Promise<unknown>;
  readonly namespaces: readonly string[];
};

const COMMON = ['common'] as const;

/**
 * `followUps`: what the screen asks for as soon as it has rendered (device data, the code of parts shown with it);
 * started alongside the screen's code, not awaited, so the data arrives sooner without making the screen wait.
 */
function screen(load: () => Promise<ComponentType>, namespaces: readonly string[], followUps?: () => Array<Promise<unknown>>): LazyScreen {
  const fetchCode = () => {
    for (const followUp of followUps?.() ?? []) void followUp.catch(() => undefined);
    return load();
  };
  const component = lazy(() => Promise.all([fetchCode(), loadNamespaces(namespaces)]).then(([loaded]) => loaded));
  return Object.assign(component, { fetchCode, namespaces });
}

// Home lists the generations by name and the case screen walks through them: both read the guide namespace.
export const HomeScreen = screen(
  () => import('./screens/home-screen').then((m) => m.HomeScreen),
  NAMESPACES,
  () => [import('./home-parts').then((m) => m.prefetchHomeData())],
);
export const GuideScreen = screen(() => import('./screens/guide-screen').then((m) => m.GuideScreen), NAMESPACES);
export const CaseScreen = screen(() => import('./screens/case-screen').then((m) => m.CaseScreen), NAMESPACES);
export const OrdersScreen = screen(() => import('./screens/orders-screen').then((m) => m.OrdersScreen), COMMON);
export const SettingsScreen = screen(() => import('./screens/settings-screen').then((m) => m.SettingsScreen), COMMON);
export const AboutScreen = screen(() => import('./screens/about-screen').then((m) => m.AboutScreen), COMMON);
export const AdminScreen = screen(() => import('./screens/admin-screen').then((m) => m.AdminScreen), COMMON);
export const NotFoundScreen = screen(() => import('./screens/not-found-screen').then((m) => m.NotFoundScreen), COMMON);

/** The screen the router will show for `path` (the same table as <Router> in app.tsx). */
export function screenFor(path: string): LazyScreen {
  if (path === '/') return HomeScreen;
  if (/^\/guide\/[^/]+\/?$/.test(path)) return GuideScreen;
  if (/^\/case\/[^/]+\/?$/.test(path)) return CaseScreen;
  if (path === '/orders') return OrdersScreen;
  if (path === '/settings') return SettingsScreen;
  if (path === '/about') return AboutScreen;
  if (path === '/admin') return AdminScreen;
  return NotFoundScreen;
}
