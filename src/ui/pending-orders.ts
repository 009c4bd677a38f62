// How many orders still wait to be sent or need the user: loaded after first paint (the outbox code is not first-screen JS).
import { listOrders, subscribeOutbox, type OutboxEntry } from '../storage/outbox-store';

export function countPending(orders: readonly OutboxEntry[]): number {
  return orders.filter((o) => o.state === 'queued' || o.state === 'sending' || o.state === 'needsAttention').length;
}

/** Calls `listener` with the count now and after every outbox change; returns the unsubscribe function. */
export function watchPendingOrders(listener: (count: number) => void): () => void {
  let live = true;
  const read = () =>
    listOrders().then(
      (orders) => live && listener(countPending(orders)),
      () => undefined, // no storage: no badge
    );
  void read();
  const unsubscribe = subscribeOutbox(() => void read());
  return () => {
    live = false;
    unsubscribe();
  };
}
