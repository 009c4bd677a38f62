// Starts the page's order sync (outbox flusher + status poller) and gives screens "send now" and "just queued".
import { flushOutbox, platformFlushOptions } from '../sync/flush-outbox';
import { startOutboxTriggers, type OutboxTriggers, type SyncRegistrationLike, type TriggerRun } from '../sync/outbox-triggers';
import { pollOrders } from '../sync/poll-orders';

let triggers: OutboxTriggers | undefined;
const runListeners = new Set<(run: TriggerRun) => void>();

export function startOrderSync(): void {
  if (triggers) return;
  triggers = startOutboxTriggers({
    flush: () => flushOutbox(platformFlushOptions()),
    // "Send now / check now": the user asked, so ask the service even if another tab just did.
    poll: (reason) =>
      pollOrders({ fetch: (input, init) => fetch(input, init), now: () => Date.now(), minIntervalMs: reason === 'sendNow' ? 0 : 5_000 }),
    now: () => Date.now(),
    connectivity: window,
    visibility: document,
    // Background Sync (`registration.sync`) is not in the DOM typings yet.
    registration: (navigator.serviceWorker ? navigator.serviceWorker.ready : Promise.resolve(undefined)) as Promise<SyncRegistrationLike | undefined>,
    onRun: (run) => {
      for (const listener of runListeners) listener(run);
    },
    onError: (error) => console.warn('order sync will retry:', error instanceof Error ? error.message : error),
  });
}

export function sendOrdersNow(): Promise<TriggerRun | undefined> {
  return triggers ? triggers.sendNow() : Promise.resolve(undefined);
}

export function orderQueued(): void {
  triggers?.afterEnqueue();
}

export function subscribeSyncRuns(listener: (run: TriggerRun) => void): () => void {
  runListeners.add(listener);
  return () => runListeners.delete(listener);
}
