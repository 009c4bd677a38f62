// Page entry. The prerendered HTML paints on its own; the app's code is fetched only after that first paint,
// so no script ever stands between the reader and the page (boot.tsx then adopts the HTML). This file imports
// nothing but the stylesheet and the install-prompt catcher (no imports of its own), so it builds to one small
// file: no chain of scripts is fetched before the first paint.
import { captureInstallPrompt } from './ui/install-prompt-capture';
import './ui/styles.css';

// The browser may offer installation at any moment after load: listen before anything else.
const installPrompt = captureInstallPrompt();

/** Resolves once the first frame is on screen: the callback of the frame after it runs when it has been presented. */
function afterFirstPaint(): Promise<void> {
  // A hidden tab paints nothing (and runs no animation frames): start at once there.
  if (document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** Ends the current task: evaluating the app's code and starting it are two tasks, not one long one. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

void afterFirstPaint()
  .then(() => import('./boot'))
  .then(async (m) => {
    await nextTask();
    await m.boot(installPrompt);
  });
