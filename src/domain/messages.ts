// Every message between pages, the service worker and the storage change channels: one typed union and its guards.

/** Page → service worker. */
export type PageToSwMessage =
  /** The user accepted "Update available — Reload": the waiting SW may activate. */
  | { type: 'SKIP_WAITING' }
  /** Send the outbox now (the user pressed "send now", or the page has no Background Sync). */
  | { type: 'FLUSH_NOW' };

/** Service worker or storage → pages (and other tabs, through BroadcastChannel). */
export type SwToPageMessage =
  /** Outbox entries were added or changed state; `keys` are idempotency keys. */
  | { type: 'OUTBOX_CHANGED'; keys: string[] }
  /** The poller learnt something new about sent orders (fulfilled, cancelled). */
  | { type: 'ORDERS_UPDATED'; keys: string[] }
  /** Cases were written or deleted. */
  | { type: 'CASES_CHANGED'; ids: string[] }
  /** A case's countdown (SAFE wait, lockout) has run out. */
  | { type: 'TIMER_ELAPSED'; caseId: string; timerKind: string; endsAt: number };

export type AppMessage = PageToSwMessage | SwToPageMessage;
export type AppMessageType = AppMessage['type'];

const PAGE_TO_SW: ReadonlySet<string> = new Set<PageToSwMessage['type']>(['SKIP_WAITING', 'FLUSH_NOW']);
const SW_TO_PAGE: ReadonlySet<string> = new Set<SwToPageMessage['type']>(['OUTBOX_CHANGED', 'ORDERS_UPDATED', 'CASES_CHANGED', 'TIMER_ELAPSED']);

/** Checks the shape, not just the `type`: messages come from other contexts, possibly an older app version. */
export function isAppMessage(value: unknown): value is AppMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m['type']) {
    case 'SKIP_WAITING':
    case 'FLUSH_NOW':
      return true;
    case 'OUTBOX_CHANGED':
    case 'ORDERS_UPDATED':
      return isStringArray(m['keys']);
    case 'CASES_CHANGED':
      return isStringArray(m['ids']);
    case 'TIMER_ELAPSED':
      return typeof m['caseId'] === 'string' && typeof m['timerKind'] === 'string' && typeof m['endsAt'] === 'number';
    default:
      return false;
  }
}

export function isPageToSwMessage(value: unknown): value is PageToSwMessage {
  return isAppMessage(value) && PAGE_TO_SW.has(value.type);
}

export function isSwToPageMessage(value: unknown): value is SwToPageMessage {
  return isAppMessage(value) && SW_TO_PAGE.has(value.type);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
