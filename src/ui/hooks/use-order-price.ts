// The order price for the form: the last one the service told (kept on the device), refreshed whenever the browser is online.
import { useEffect, useState } from 'preact/hooks';
import type { KnownPrice } from '../../storage/settings-store';
import { getPrice } from '../../sync/api-client';
import { useOnline } from './use-online';
import { useSettings } from './use-settings';

export interface OrderPrice {
  known: KnownPrice | null;
  /** True once the service answered in this session: the price shown is the current one. */
  fresh: boolean;
  online: boolean;
}

export function useOrderPrice(): OrderPrice {
  const { settings, updateSettings } = useSettings();
  const online = useOnline();
  const [fresh, setFresh] = useState(false);
  useEffect(() => {
    if (!online) {
      setFresh(false);
      return;
    }
    let live = true;
    void getPrice({ fetch: (input, init) => fetch(input, init), timeoutMs: 10_000 }).then(async (outcome) => {
      if (!live || outcome.kind !== 'ok') return;
      const checkedAt = Date.now();
      const known: KnownPrice = outcome.value.payment === 'on' ? { payment: 'on', price: outcome.value.price, checkedAt } : { payment: 'off', checkedAt };
      await updateSettings({ lastKnownPrice: known });
      if (live) setFresh(true);
    });
    return () => {
      live = false;
    };
  }, [online]);
  return { known: settings.lastKnownPrice, fresh, online };
}
