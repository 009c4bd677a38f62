// The page's connectivity judgement as component state: 'offline' only once requests failed (or the browser knows it has no network).
import { useEffect, useState } from 'preact/hooks';
import type { Reachability } from '../../sync/connectivity';
import { pageConnectivity } from '../page-connectivity';

export function useReachability(): Reachability {
  // 'unknown' first, as in the prerendered HTML, so hydration matches; the effect brings the real judgement.
  const [reachability, setReachability] = useState<Reachability>('unknown');
  useEffect(() => pageConnectivity.subscribe(setReachability), []);
  return reachability;
}
