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

export function useCases(includeArchived = true): Loadable<RadioCase[]> {
  return useLiveQuery(async () => (await casesStore()).listCases({ includeArchived }), subscribeCases, [includeArchived]);
}

export function useCase(id: string): Loadable<RadioCase | undefined> {
  return useLiveQuery(async () => (await casesStore()).getCase(id), subscribeCases, [id], (ids) => ids.includes(id));
}
