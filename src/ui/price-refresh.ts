// Keeps the order price on the device: asked from the service at start and whenever requests get through again.
import { pageConnectivity } from './page-connectivity';
import { updateSettings, type KnownPrice } from '../storage/settings-store';
import { getPrice } from '../sync/api-client';

/** Asks GET /api/price and stores the answer; resolves with it, or undefined when the service did not answer. */
export async function refreshKnownPrice(): Promise<KnownPrice | undefined> {
  const outcome = await getPrice({ fetch: (input, init) => fetch(input, init), timeoutMs: 10_000 });
  if (outcome.kind !== 'ok') return undefined;
  const checkedAt = Date.now();
  const known: KnownPrice = outcome.value.payment === 'on' ? { payment: 'on', price: outcome.value.price, checkedAt } : { payment: 'off', checkedAt };
  await updateSettings({ lastKnownPrice: known });
  return known;
}

/**
 * So an owner who opened the app once with signal sees the price later in a car park without any:
 * asked each time requests get through again (the connectivity judgement, not navigator.onLine).
 */
export function startPriceRefresh(): void {
  pageConnectivity.subscribe((reachability) => {
    if (reachability === 'online') void refreshKnownPrice().catch(() => undefined);
  });
}
