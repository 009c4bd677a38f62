// False while a component adopts prerendered HTML, true once it runs in the browser.
// Hydration keeps the DOM's checked/value as prerendered (with default settings), so controls that show
// device state key themselves on this to be created afresh after mount.
import { useEffect, useState } from 'preact/hooks';

export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
