// Page → service worker messages: one typed union and its guard (storage's change notices live in storage/change-feed.ts).

export type PageToSwMessage =
  /** The user accepted "Update available — Reload": the waiting SW may activate (sent by workbox-window). */
  { type: 'SKIP_WAITING' };

/** Checks the shape, not just the `type`: messages come from other contexts, possibly an older app version. */
export function isPageToSwMessage(value: unknown): value is PageToSwMessage {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)['type'] === 'SKIP_WAITING';
}
