// Live views of the cases in device storage.
import type { RadioCase } from '../../domain/case';
import { getCase, listCases, subscribeCases } from '../../storage/cases-store';
import { useLiveQuery, type Loadable } from './use-live-query';

export type { Loadable } from './use-live-query';

export function useCases(includeArchived = true): Loadable<RadioCase[]> {
  return useLiveQuery(() => listCases({ includeArchived }), subscribeCases, [includeArchived]);
}

export function useCase(id: string): Loadable<RadioCase | undefined> {
  return useLiveQuery(() => getCase(id), subscribeCases, [id], (ids) => ids.includes(id));
}
