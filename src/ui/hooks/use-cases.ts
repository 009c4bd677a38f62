// Live views of the cases in device storage. The storage code (idb, the store) is fetched with the first read,
// not with the page: the screen is usable while the device is read.
import type { RadioCase } from '../../domain/case';
import { useLiveQuery, type Loadable } from './use-live-query';

export type { Loadable } from './use-live-query';

const casesStore = () => import('../../storage/cases-store');

function subscribeCases(listener: (ids: string[]) => void): () => void {
  let unsubscribe: (() => void) | undefined;
  let stopped = false;
  void casesStore().then((store) => {
    if (!stopped) unsubscribe = store.subscribeCases(listener);
  });
  return () => {
    stopped = true;
    unsubscribe?.();
  };
}

/** A read of every case started before the home screen rendered; `stale` once a change was announced after it began. */
let early: { read: Promise<RadioCase[]>; stale: boolean; stopListening: () => void } | undefined;

/**
 * Start-up (screens.ts): reads every case while the home screen's strings and code are still on their way, so that
 * its first render has the list instead of asking the device only then. One read until the screen takes it.
 */
export function prefetchAllCases(): Promise<RadioCase[]> {
  if (early) return early.read;
  const entry = { stale: false, stopListening: () => undefined as void, read: Promise.resolve<RadioCase[]>([]) };
  entry.read = casesStore().then((store) => {
    // Listen before reading: a change committed after the read began makes it stale, one before is in it.
    entry.stopListening = store.subscribeCases(() => {
      entry.stale = true;
    });
    return store.listCases({ includeArchived: true });
  });
  early = entry;
  return entry.read;
}

/** The prefetched read, once, unless something changed since it began (then the caller reads afresh). */
function takePrefetched(includeArchived: boolean): Promise<RadioCase[]> | undefined {
  const entry = early;
  if (!entry || !includeArchived) return undefined;
  early = undefined;
  entry.stopListening();
  return entry.stale ? undefined : entry.read;
}

export function useCases(includeArchived = true): Loadable<RadioCase[]> {
  return useLiveQuery(
    () => takePrefetched(includeArchived) ?? casesStore().then((store) => store.listCases({ includeArchived })),
    subscribeCases,
    [includeArchived],
  );
}

export function useCase(id: string): Loadable<RadioCase | undefined> {
  return useLiveQuery(async () => (await casesStore()).getCase(id), subscribeCases, [id], (ids) => ids.includes(id));
}
