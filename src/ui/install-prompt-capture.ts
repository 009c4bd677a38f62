// Catches the browser's install prompt (beforeinstallprompt) from the moment the page entry runs. It imports nothing:
// it is part of the page entry, which must be one small file with no imports of its own, so that nothing but the
// page and its stylesheet is fetched before the first paint (install-prompt.ts, loaded later, adopts what it caught).

export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export interface InstallPromptCapture {
  /** The prompt held back for the app's own Install button, while the browser offers one. */
  deferred: BeforeInstallPromptEvent | undefined;
  /** Told when the browser offers the prompt or the app gets installed (set once the app is running). */
  onChange: () => void;
}

/** Call first thing, before any await: Chromium may fire beforeinstallprompt as soon as the page loads. */
export function captureInstallPrompt(): InstallPromptCapture {
  const capture: InstallPromptCapture = { deferred: undefined, onChange: () => undefined };
  addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault(); // show our own button instead of the mini-infobar
    capture.deferred = event as BeforeInstallPromptEvent;
    capture.onChange();
  });
  addEventListener('appinstalled', () => {
    capture.deferred = undefined;
    capture.onChange();
  });
  return capture;
}
