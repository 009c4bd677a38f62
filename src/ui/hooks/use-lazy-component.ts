// A component whose code is fetched after the first render (not with the page), for parts of a screen that only
// appear once device data or the service worker has answered. Renders nothing until the code is there; code that
// came earlier (a lazyPart asked for with its screen) renders at once.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { LazyPart } from '../lazy-part';

export function useLazyComponent<P>(load: LazyPart<P>): ComponentType<P> | undefined {
  const [component, setComponent] = useState<ComponentType<P> | undefined>(() => load.loaded);
  useEffect(() => {
    if (component) return;
    let live = true;
    void load().then((loaded) => {
      if (live) setComponent(() => loaded);
    });
    return () => {
      live = false;
    };
  }, []);
  return component;
}
