// The service worker's share of order sync: Background Sync and "flush now" run the same flusher and poller as the page.
import { flushForSyncEvent, flushOutbox, platformFlushOptions } from '../sync/flush-outbox';
import { pollOrders } from '../sync/poll-orders';

/** For the `sync` event: a rejection asks the browser to try the tag again later (its own backoff). */
export async function syncOutbox(): Promise<void> {
  await flushForSyncEvent(platformFlushOptions());
  await pollOrders({ fetch: (input, init) => fetch(input, init), now: () => Date.now(), minIntervalMs: 5_000 });
}

export async function flushNow(): Promise<void> {
  await flushOutbox(platformFlushOptions());
}
