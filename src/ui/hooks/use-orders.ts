// Live views of the order outbox (undefined until first read).
import { getOrder, listOrders, subscribeOutbox, type OutboxEntry } from '../../storage/outbox-store';
import { useLiveQuery } from './use-live-query';

export function useOrders(): OutboxEntry[] | undefined {
  const orders = useLiveQuery(listOrders, subscribeOutbox, []);
  if (orders.status === 'error') return [];
  return orders.status === 'ready' ? orders.value : undefined;
}

export function useOrder(key: string | undefined): OutboxEntry | undefined {
  const order = useLiveQuery(async () => (key ? getOrder(key) : undefined), subscribeOutbox, [key], (keys) => key !== undefined && keys.includes(key));
  return order.status === 'ready' ? order.value : undefined;
}
