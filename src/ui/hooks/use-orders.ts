// Live views of the order outbox: re-read whenever an order changes in this tab, another tab or the service worker.
import { useEffect, useState } from 'preact/hooks';
import { getOrder, listOrders, subscribeOutbox, type OutboxEntry } from '../../storage/outbox-store';

export function useOrders(): OutboxEntry[] | undefined {
  const [orders, setOrders] = useState<OutboxEntry[] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const load = () => listOrders().then((value) => live && setOrders(value), () => live && setOrders([]));
    void load();
    const unsubscribe = subscribeOutbox(() => void load());
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);
  return orders;
}

export function useOrder(key: string | undefined): OutboxEntry | undefined {
  const [order, setOrder] = useState<OutboxEntry | undefined>(undefined);
  useEffect(() => {
    if (!key) return;
    let live = true;
    const load = () => getOrder(key).then((value) => live && setOrder(value), () => undefined);
    void load();
    const unsubscribe = subscribeOutbox((keys) => {
      if (keys.includes(key)) void load();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [key]);
  return order;
}
