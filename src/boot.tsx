// Start-up after the first paint: fetches this route's code and strings in the page's language, then adopts the
// prerendered HTML (same route, same language) or renders afresh (the shell). Device storage is read meanwhile (the
// settings here, the home screen's cases by its follow-ups in screens.ts) and shown once the page is adopted (App).
import { hydrate, render } from 'preact';
import { App } from './ui/app';
import { screenFor } from './ui/screens';
import { browserLocale, initI18n, loadRemainingBundles } from './i18n/i18n';
import { isLocale } from './i18n/languages';
import { normaliseRoute } from './domain/prerendered-pages';
import { loadSavedSettings } from './ui/saved-settings';
import { whenIdle } from './ui/when-idle';
import { adoptInstallPromptCapture } from './ui/install-prompt';
import { beginAdoption, finishAdoption } from './ui/components/adopt-later';
import type { InstallPromptCapture } from './ui/install-prompt-capture';

/** Ends the current task, so that no single task holds the main thread for all of start-up (TBT). */
function yieldToMain(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export async function boot(installPrompt: InstallPromptCapture): Promise<void> {
  adoptInstallPromptCapture(installPrompt);
  const root = document.getElementById('app');
  if (!root) return;
  const prerendered = root.firstElementChild as HTMLElement | null;
  // The service worker or the server already chose the page's language (a saved choice, else the browser's).
  const pageLanguage = prerendered?.dataset.lang;
  const language = isLocale(pageLanguage) ? pageLanguage : browserLocale();
  const screen = screenFor(location.pathname);
  void screen.fetchCode().catch(() => undefined); // the router reports a failure when it renders
  // Device storage opens meanwhile (the app reads the settings right after it renders, a screen its data): not awaited.
  const settings = loadSavedSettings();
  await initI18n(language, screen.namespaces);
  await screen.preload().catch(() => undefined);
  await yieldToMain(); // strings and code are in: adopting the page is a task of its own

  const canHydrate = prerendered?.dataset.route === normaliseRoute(location.pathname) && prerendered.dataset.lang === language;
  if (canHydrate) {
    // The first screen now; the parts further down a long page (AdoptLater) one task each, right after.
    beginAdoption();
    hydrate(<App pendingSettings={settings} />, root);
    void finishAdoption();
  } else {
    root.textContent = '';
    render(<App pendingSettings={settings} />, root);
  }
  root.toggleAttribute('data-live', true); // the page is the app now (tests and tools wait for this)
  whenIdle(() => void loadRemainingBundles().catch(() => undefined));
}
