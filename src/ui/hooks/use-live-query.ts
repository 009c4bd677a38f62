// A value read from device storage that stays current: re-read whenever a relevant change is announced
// (this tab, another tab or the service worker), ignoring answers that arrive after the component moved on.
import { useLayoutEffect, useState } from 'preact/hooks';

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: unknown };

type Subscribe = (listener: (changed: string[]) => void) => () => void;

export function useLiveQuery<T>(
  load: () => Promise<T>,
  subscribe: Subscribe,
  deps: readonly unknown[],
  isRelevant: (changed: string[]) => boolean = () => true,
): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  // A layout effect, so the first read starts with the render, not after the next paint: an answer already at hand
  // (start-up prefetches the home screen's cases) then shows in the same frame as the screen.
  useLayoutEffect(() => {
    let live = true;
    let latest = 0;
    const read = () => {
      const ticket = ++latest;
      const current = () => live && ticket === latest; // an older read finishing late must not win
      return load().then(
        (value) => current() && setState({ status: 'ready', value }),
        (error: unknown) => current() && setState({ status: 'error', error }),
      );
    };
    void read();
    const unsubscribe = subscribe((changed) => {
      if (isRelevant(changed)) void read();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, deps);
  return state;
}
