// A part of a screen whose code may be asked for before the screen renders (a screen's follow-ups, screens.ts), and
// that remembers it once loaded, so a render after that shows the part at once instead of one effect (a frame) later.
import type { ComponentType } from 'preact';

/** Loads a part's code; a part made by lazyPart also holds it once loaded. */
export type LazyPart<P> = (() => Promise<ComponentType<P>>) & { readonly loaded?: ComponentType<P> };

/**
 * Only for parts that appear with device data: they are never in the prerendered HTML, so showing one in the first
 * render cannot upset hydration.
 */
export function lazyPart<P>(load: () => Promise<ComponentType<P>>): LazyPart<P> {
  let pending: Promise<ComponentType<P>> | undefined;
  const part = Object.assign(
    () =>
      (pending ??= load().then(
        (component) => {
          part.loaded = component;
          return component;
        },
        (error: unknown) => {
          pending = undefined; // a failed fetch may be tried again
          throw error;
        },
      )),
    { loaded: undefined as ComponentType<P> | undefined },
  );
  return part;
}
