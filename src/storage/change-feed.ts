// Owns "something changed in storage" notices: direct to listeners in this context, BroadcastChannel to other tabs and the SW.
import { isSwToPageMessage, type SwToPageMessage } from '../domain/messages';

export type ChangeChannel = 'cases' | 'outbox';
export type ChangeListener = (message: SwToPageMessage) => void;

const listeners: Record<ChangeChannel, Set<ChangeListener>> = { cases: new Set(), outbox: new Set() };
const channels: Partial<Record<ChangeChannel, BroadcastChannel>> = {};

// A BroadcastChannel never receives its own posts, so one per name serves both directions without echoes.
function channelFor(name: ChangeChannel): BroadcastChannel | undefined {
  if (typeof globalThis.BroadcastChannel !== 'function') return undefined;
  let channel = channels[name];
  if (!channel) {
    channel = new BroadcastChannel(name);
    channel.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isSwToPageMessage(event.data)) deliver(name, event.data);
    });
    // Node (tests) would otherwise keep the process alive for an idle channel.
    (channel as unknown as { unref?: () => void }).unref?.();
    channels[name] = channel;
  }
  return channel;
}

function deliver(name: ChangeChannel, message: SwToPageMessage): void {
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
export function publishChange(name: ChangeChannel, message: SwToPageMessage): void {
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
