// Keeps the screen on while a countdown runs, if the user switched it on and the browser has the Screen Wake Lock API.
import { useEffect, useState } from 'preact/hooks';

export function wakeLockSupported(): boolean {
  return typeof navigator !== 'undefined' && 'wakeLock' in navigator;
}

export function useWakeLock(wanted: boolean): { active: boolean; supported: boolean } {
  const [active, setActive] = useState(false);
  useEffect(() => {
    if (!wanted || !wakeLockSupported()) return;
    let sentinel: WakeLockSentinel | undefined;
    let cancelled = false;
    const acquire = async () => {
      if (document.visibilityState !== 'visible' || cancelled) return;
      try {
        sentinel = await navigator.wakeLock.request('screen');
        setActive(true);
        sentinel.addEventListener('release', () => setActive(false));
      } catch {
        setActive(false); // refused (battery saver, not visible): the countdown works without it
      }
    };
    // The browser drops the lock when the page is hidden; take it again on return.
    const onVisible = () => {
      if (document.visibilityState === 'visible' && (!sentinel || sentinel.released)) void acquire();
    };
    void acquire();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      cancelled = true;
      document.removeEventListener('visibilitychange', onVisible);
      void sentinel?.release().catch(() => undefined);
      setActive(false);
    };
  }, [wanted]);
  return { active, supported: wakeLockSupported() };
}
