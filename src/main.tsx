// Page entry. The prerendered HTML paints on its own; the app's code is fetched only after that first paint,
// so no script ever stands between the reader and the page (boot.tsx then adopts the HTML).
import { captureInstallPrompt } from './ui/install-prompt';
import './ui/styles.css';

// The browser may offer installation at any moment after load: listen before anything else.
captureInstallPrompt();

function afterFirstPaint(): Promise<void> {
  // A hidden tab paints nothing (and runs no animation frames): start at once there.
  if (document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

void afterFirstPaint()
  .then(() => import('./boot'))
  .then((m) => m.boot());
