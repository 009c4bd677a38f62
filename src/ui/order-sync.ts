// Starts the page's order sync (outbox flusher + status poller) and gives screens "send now" and "just queued".
import { flushOutbox, platformFlushOptions } from '../sync/flush-outbox';
import { startOutboxTriggers, type OutboxTriggers, type SyncRegistrationLike, type TriggerRun } from '../sync/outbox-triggers';
import { pollOrders } from '../sync/poll-orders';
import { pageConnectivity } from './page-connectivity';

let triggers: OutboxTriggers | undefined;

export function startOrderSync(): void {
  if (triggers) return;
  triggers = startOutboxTriggers({
    // "Send now": the user asked, so try even while judged offline; the answer is their feedback.
    flush: (reason) => flushOutbox({ ...platformFlushOptions(), connectivity: pageConnectivity, force: reason === 'sendNow' }),
    // "Check now" likewise, and ask the service even if another tab just did.
    poll: (reason) =>
      pollOrders({
        fetch: (input, init) => fetch(input, init),
        now: () => Date.now(),
        connectivity: pageConnectivity,
        force: reason === 'sendNow',
        minIntervalMs: reason === 'sendNow' ? 0 : 5_000,
      }),
    now: () => Date.now(),
    connectivity: pageConnectivity,
    visibility: document,
    // Background Sync (`registration.sync`) is not in the DOM typings yet.
    registration: (navigator.serviceWorker ? navigator.serviceWorker.ready : Promise.resolve(undefined)) as Promise<SyncRegistrationLike | undefined>,
    onError: (error) => console.warn('order sync will retry:', error instanceof Error ? error.message : error),
  });
}

export function sendOrdersNow(): Promise<TriggerRun | undefined> {
  return triggers ? triggers.sendNow() : Promise.resolve(undefined);
}

export function orderQueued(): void {
  triggers?.afterEnqueue();
}
