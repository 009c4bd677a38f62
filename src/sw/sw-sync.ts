// The service worker's share of order sync: Background Sync runs the same flusher and poller as the page, with the SW's own connectivity judgement.
import { createConnectivity, healthProbe, type Connectivity } from '../sync/connectivity';
import type { FetchLike } from '../sync/api-client';
import { flushForSyncEvent, platformFlushOptions, type FlushOptions } from '../sync/flush-outbox';
import { pollOrders } from '../sync/poll-orders';

export interface BackgroundSyncDeps {
  flush: FlushOptions;
  fetch: FetchLike;
  connectivity: Connectivity;
  baseUrl?: string;
}

/**
 * For the `sync` event: sends what is due, then asks about sent orders even when some are still
 * waiting to be sent (a code that is ready must not wait for the app to open). Rejects while orders
 * still wait, so the browser fires the tag again later (its own backoff).
 */
export async function syncOutbox(deps: BackgroundSyncDeps): Promise<void> {
  // Background Sync fires because the browser believes it is online: give that belief one try.
  if (deps.connectivity.current() === 'offline') await deps.connectivity.check();
  let pending: unknown;
  try {
    await flushForSyncEvent({ ...deps.flush, connectivity: deps.connectivity });
  } catch (error) {
    pending = error ?? new Error('Outbox not empty');
  }
  await pollOrders({
    fetch: deps.fetch,
    now: deps.flush.now,
    baseUrl: deps.baseUrl ?? '',
    minIntervalMs: 5_000,
    connectivity: deps.connectivity,
  });
  if (pending !== undefined) throw pending;
}

const fetchLike: FetchLike = (input, init) => fetch(input, init);

/** The worker's real network and clock. No re-probe timer: a worker lives only as long as its events. */
export function platformBackgroundSync(): BackgroundSyncDeps {
  const connectivity = createConnectivity({
    probe: healthProbe(fetchLike),
    browserSaysOnline: () => (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine !== false,
  });
  return { flush: platformFlushOptions(), fetch: fetchLike, connectivity };
}
