// Owns "something changed in storage" notices: direct to listeners in this context, BroadcastChannel to other tabs and the SW.

/** A storage change, told to this context's listeners and (BroadcastChannel) to other tabs and the SW. */
export type StorageChange =
  /** Outbox entries were added or changed state; `keys` are idempotency keys. */
  | { type: 'OUTBOX_CHANGED'; keys: string[] }
  /** The poller learnt something new about sent orders (fulfilled, cancelled). */
  | { type: 'ORDERS_UPDATED'; keys: string[] }
  /** Cases were written or deleted. */
  | { type: 'CASES_CHANGED'; ids: string[] };

export type ChangeChannel = 'cases' | 'outbox';
export type ChangeListener = (message: StorageChange) => void;

/** Checks the shape, not just the `type`: posts come from other contexts, possibly an older app version. */
export function isStorageChange(value: unknown): value is StorageChange {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m['type']) {
    case 'OUTBOX_CHANGED':
    case 'ORDERS_UPDATED':
      return isStringArray(m['keys']);
    case 'CASES_CHANGED':
      return isStringArray(m['ids']);
    default:
      return false;
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

const listeners: Record<ChangeChannel, Set<ChangeListener>> = { cases: new Set(), outbox: new Set() };
const channels: Partial<Record<ChangeChannel, BroadcastChannel>> = {};

// A BroadcastChannel never receives its own posts, so one per name serves both directions without echoes.
function channelFor(name: ChangeChannel): BroadcastChannel | undefined {
  if (typeof globalThis.BroadcastChannel !== 'function') return undefined;
  let channel = channels[name];
  if (!channel) {
    channel = new BroadcastChannel(name);
    channel.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isStorageChange(event.data)) deliver(name, event.data);
    });
    // Node (tests) would otherwise keep the process alive for an idle channel.
    (channel as unknown as { unref?: () => void }).unref?.();
    channels[name] = channel;
  }
  return channel;
}

function deliver(name: ChangeChannel, message: StorageChange): void {
  for (const listener of listeners[name]) {
    try {
      listener(message);
    } catch (err) {
      // One broken listener must not keep the others from hearing about a change.
      queueMicrotask(() => {
        throw err;
      });
    }
  }
}

/** Call after the transaction committed, never before: listeners re-read storage. */
export function publishChange(name: ChangeChannel, message: StorageChange): void {
  deliver(name, message);
  try {
    channelFor(name)?.postMessage(message);
  } catch {
    // a closed channel during teardown: other contexts re-read on their next trigger
  }
}

export function subscribeChanges(name: ChangeChannel, listener: ChangeListener): () => void {
  channelFor(name);
  listeners[name].add(listener);
  return () => {
    listeners[name].delete(listener);
  };
}
