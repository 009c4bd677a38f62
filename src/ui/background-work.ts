// Browser-only start-up work after the first render: connectivity, the service worker, background sync of orders, countdowns
// (the install prompt is caught earlier, by the page entry main.tsx).
import { startServiceWorker } from './register-sw';
import { startPageConnectivity } from './page-connectivity';
import { startOrderSync } from './order-sync';
import { startCaseTimers } from './case-timers';
import { startPriceRefresh } from './price-refresh';

let started = false;

export function startBackgroundWork(): void {
  if (started) return;
  started = true;
  startPageConnectivity();
  startServiceWorker();
  startOrderSync();
  startCaseTimers();
  startPriceRefresh();
}
