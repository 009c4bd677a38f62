// A component whose code is fetched after the first render (not with the page), for parts of a screen that only
// appear once device data or the service worker has answered. Renders nothing until the code is there.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function useLazyComponent<P>(load: () => Promise<ComponentType<P>>): ComponentType<P> | undefined {
  const [component, setComponent] = useState<ComponentType<P> | undefined>(undefined);
  useEffect(() => {
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
