// The app's side of the browser's install prompt: offers "Install" at a calm moment with the prompt the page entry caught.
import { createListeners } from '../domain/observable';
import type { BeforeInstallPromptEvent, InstallPromptCapture } from './install-prompt-capture';

export type InstallState = 'installed' | 'promptable' | 'ios' | 'unavailable';

let capture: InstallPromptCapture | undefined;
const changes = createListeners<void>();
const publish = (): void => changes.emit();

/** Takes over what the page entry caught before the app's code was loaded (main.tsx → boot.tsx). */
export function adoptInstallPromptCapture(caught: InstallPromptCapture): void {
  capture = caught;
  capture.onChange = publish;
  if (capture.deferred) publish();
}

export function installState(): InstallState {
  if (typeof window === 'undefined') return 'unavailable';
  const standalone = matchMedia('(display-mode: standalone)').matches || (navigator as { standalone?: boolean }).standalone === true;
  if (standalone) return 'installed';
  if (capture?.deferred) return 'promptable';
  // iOS Safari has no install prompt: the user adds the app from the Share menu.
  if (/iphone|ipad|ipod/i.test(navigator.userAgent) && 'standalone' in navigator) return 'ios';
  return 'unavailable';
}

export async function promptInstall(): Promise<boolean> {
  const event: BeforeInstallPromptEvent | undefined = capture?.deferred;
  if (!capture || !event) return false;
  capture.deferred = undefined; // a prompt can be shown once
  await event.prompt();
  const choice = await event.userChoice;
  publish();
  return choice.outcome === 'accepted';
}

export function subscribeInstall(listener: () => void): () => void {
  return changes.subscribe(listener);
}
