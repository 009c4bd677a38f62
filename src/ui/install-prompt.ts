// Captures the browser's install prompt (beforeinstallprompt) so the app can offer "Install" at a calm moment.
import { createListeners } from '../domain/observable';

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export type InstallState = 'installed' | 'promptable' | 'ios' | 'unavailable';

let deferred: BeforeInstallPromptEvent | undefined;
let capturing = false;
const changes = createListeners<void>();
const publish = (): void => changes.emit();

/**
 * Called first thing when the entry module runs (main.tsx), before any await: Chromium may fire
 * beforeinstallprompt as soon as the page loads, and an event nobody listened for is gone.
 */
export function captureInstallPrompt(): void {
  if (capturing || typeof window === 'undefined') return;
  capturing = true;
  addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault(); // show our own button instead of the mini-infobar
    deferred = event as BeforeInstallPromptEvent;
    publish();
  });
  addEventListener('appinstalled', () => {
    deferred = undefined;
    publish();
  });
}

export function installState(): InstallState {
  if (typeof window === 'undefined') return 'unavailable';
  const standalone = matchMedia('(display-mode: standalone)').matches || (navigator as { standalone?: boolean }).standalone === true;
  if (standalone) return 'installed';
  if (deferred) return 'promptable';
  // iOS Safari has no install prompt: the user adds the app from the Share menu.
  if (/iphone|ipad|ipod/i.test(navigator.userAgent) && 'standalone' in navigator) return 'ios';
  return 'unavailable';
}

export async function promptInstall(): Promise<boolean> {
  if (!deferred) return false;
  const event = deferred;
  deferred = undefined;
  await event.prompt();
  const choice = await event.userChoice;
  publish();
  return choice.outcome === 'accepted';
}

export function subscribeInstall(listener: () => void): () => void {
  return changes.subscribe(listener);
}
