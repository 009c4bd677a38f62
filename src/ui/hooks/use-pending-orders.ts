// The pending-orders count for the header badge, with the outbox code loaded on demand.
import { useEffect, useState } from 'preact/hooks';

export function usePendingOrders(): number {
  const [pending, setPending] = useState(0);
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    void import('../pending-orders').then(({ watchPendingOrders }) => {
      if (!cancelled) stop = watchPendingOrders(setPending);
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, []);
  return pending;
}
