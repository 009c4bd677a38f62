// The home screen's workshop list: its code and every case, asked for with the screen's code (screens.ts) rather
// than after the screen's first render, so the list is at hand when the page is adopted.
import { lazyPart } from './lazy-part';
import { prefetchAllCases } from './hooks/use-cases';

export const CaseListsPart = lazyPart(() => import('./components/case-lists').then((m) => m.CaseLists));

export function prefetchHomeData(): Promise<unknown> {
  return Promise.all([prefetchAllCases(), CaseListsPart()]);
}
