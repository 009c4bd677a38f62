// Live views of the cases in device storage: re-read whenever this tab, another tab or the service worker changes one.
import { useEffect, useState } from 'preact/hooks';
import type { RadioCase } from '../../domain/case';
import { getCase, listCases, subscribeCases } from '../../storage/cases-store';

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: unknown };

export function useCases(includeArchived = true): Loadable<RadioCase[]> {
  const [cases, setCases] = useState<Loadable<RadioCase[]>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    const load = () =>
      listCases({ includeArchived }).then(
        (value) => live && setCases({ status: 'ready', value }),
        (error: unknown) => live && setCases({ status: 'error', error }),
      );
    void load();
    const unsubscribe = subscribeCases(() => void load());
    return () => {
      live = false;
      unsubscribe();
    };
  }, [includeArchived]);
  return cases;
}

export function useCase(id: string): Loadable<RadioCase | undefined> {
  const [radioCase, setCase] = useState<Loadable<RadioCase | undefined>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    const load = () =>
      getCase(id).then(
        (value) => live && setCase({ status: 'ready', value }),
        (error: unknown) => live && setCase({ status: 'error', error }),
      );
    void load();
    const unsubscribe = subscribeCases((ids) => {
      if (ids.includes(id)) void load();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [id]);
  return radioCase;
}
