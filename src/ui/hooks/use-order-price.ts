// The order price for the form: fresh from the service when online, else the last one kept on the device (with its date).
import { useEffect, useState } from 'preact/hooks';
import { getSetting, type KnownPrice } from '../../storage/settings-store';
import { refreshKnownPrice } from '../price-refresh';
import { useReachability } from './use-online';

export interface OrderPrice {
  known: KnownPrice | null;
  /** True once the service answered while this form was open: the price shown is the current one. */
  fresh: boolean;
  online: boolean;
}

export function useOrderPrice(): OrderPrice {
  // Fetched only once a request got through; shown as offline only once one failed (not while still unknown).
  const reachability = useReachability();
  const online = reachability !== 'offline';
  const [known, setKnown] = useState<KnownPrice | null>(null);
  const [fresh, setFresh] = useState(false);
  useEffect(() => {
    let live = true;
    let answered = false;
    // The stored price first (app start may have refreshed it since the settings were read), then the service's.
    void getSetting('lastKnownPrice').then((stored) => {
      if (live && !answered) setKnown(stored);
    });
    if (reachability !== 'online') {
      setFresh(false);
    } else {
      void refreshKnownPrice()
        .then((answer) => {
          if (!live || !answer) return;
          answered = true;
          setKnown(answer);
          setFresh(true);
        })
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [reachability]);
  return { known, fresh, online };
}
