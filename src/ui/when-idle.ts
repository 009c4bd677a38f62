// Work that no one waits for (a cookie for the next visit, the other languages' strings) runs when the main thread is
// idle, never inside a start-up task; at the latest after two seconds.
export function whenIdle(work: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(work, { timeout: 2_000 });
  else setTimeout(work, 200);
}
