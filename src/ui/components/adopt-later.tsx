// Long prerendered pages are adopted part by part: the first screen when the app starts, each later part in a task of
// its own, so no single start-up task holds a phone's main thread for the whole page. A part that waits keeps its
// prerendered HTML on screen (readable, links working) and is hydrated in place when its turn comes; Preact keeps a
// suspended part's DOM during hydration, and the boundary around it resumes it (or any re-render of the page before
// that turn does). Outside of start-up (navigation, a language switch, a page rendered afresh) parts render at once.
import type { ComponentChildren } from 'preact';
import { ErrorBoundary } from 'preact-iso';

let turns: Array<() => void> = [];
let waiting: Array<Promise<void>> = [];
let adopting = false;

/** boot.tsx: the page is about to be hydrated; parts rendered now wait for their turn. */
export function beginAdoption(): void {
  adopting = true;
}

/** boot.tsx: hydration of the first screen is done; the waiting parts are adopted one task each, in page order. */
export async function finishAdoption(): Promise<void> {
  adopting = false;
  const queue = turns.filter(Boolean); // parts not on this page never asked for a turn
  turns = [];
  waiting = [];
  for (const release of queue) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    release(); // the boundary re-renders in this task's microtasks
  }
}

function turnFor(order: number): Promise<void> {
  waiting[order] ??= new Promise<void>((resolve) => {
    turns[order] = resolve;
  });
  return waiting[order];
}

function Gate({ order, children }: { order: number; children: ComponentChildren }) {
  if (adopting) throw turnFor(order);
  return <>{children}</>;
}

/**
 * `children` must be exactly one element (Preact keeps one DOM node for a part that waits). `order`: 0, 1, 2… down the
 * page, each part its own task.
 */
export function AdoptLater({ order, children }: { order: number; children: ComponentChildren }) {
  return (
    <ErrorBoundary>
      <Gate order={order}>{children}</Gate>
    </ErrorBoundary>
  );
}
