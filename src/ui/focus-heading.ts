// After an in-app navigation, focus goes to the new screen's h1, even when the screen renders it late (lazy chunk, data from idb).

/** Focuses the first h1 in `root` now, or as soon as one appears (within `timeoutMs`). Returns a function that stops waiting. */
export function focusHeadingWhenShown(root: HTMLElement | null, timeoutMs = 3000): () => void {
  if (!root) return () => undefined;
  const tryFocus = (): boolean => {
    const heading = root.querySelector<HTMLElement>('h1');
    if (!heading) return false;
    if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
    heading.focus();
    return true;
  };
  if (tryFocus()) return () => undefined;
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const timer = setTimeout(stop, timeoutMs);
  function stop(): void {
    observer.disconnect();
    clearTimeout(timer);
  }
  observer.observe(root, { childList: true, subtree: true });
  return stop;
}
