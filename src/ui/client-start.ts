// Browser-only start-up work after the first render: the service worker, then background sync of orders.
import { startServiceWorker } from './register-sw';
import { captureInstallPrompt } from './install-prompt';
import { startOrderSync } from './order-sync';
import { startCaseTimers } from './case-timers';
import { startPriceRefresh } from './price-refresh';

let started = false;

export function startClient(): void {
  if (started) return;
  started = true;
  captureInstallPrompt();
  startServiceWorker();
  startOrderSync();
  startCaseTimers();
  startPriceRefresh();
}
