// Page entry: hydrates the prerendered HTML of this route (or renders, when the HTML cannot match).
import { captureInstallPrompt } from './ui/install-prompt';
import { hydrate, render } from 'preact';
import { App } from './ui/app';
import { browserLocale, currentLocale, initI18n } from './i18n/i18n';
import { loadStartupSettings } from './ui/startup-settings';
import './ui/styles.css';

// Before anything is awaited: the browser may offer installation as soon as the page has loaded.
captureInstallPrompt();

async function start(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const settings = await loadStartupSettings();
  await initI18n(settings.language ?? browserLocale());
  const prerendered = root.firstElementChild as HTMLElement | null;
  const canHydrate =
    prerendered?.dataset.route === location.pathname && prerendered.dataset.lang === currentLocale();
  if (canHydrate) hydrate(<App initialSettings={settings} />, root);
  else {
    root.textContent = '';
    render(<App initialSettings={settings} />, root);
  }
}

void start();
