// Browser-only start-up work after the first render: the service worker, then background sync of orders
// (the install prompt is caught earlier, by the page entry main.tsx).
import { startServiceWorker } from './register-sw';
import { startOrderSync } from './order-sync';
import { startCaseTimers } from './case-timers';

let started = false;

export function startClient(): void {
  if (started) return;
  started = true;
  startServiceWorker();
  startOrderSync();
  startCaseTimers();
}
