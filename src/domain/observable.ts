// Listener sets, written once: an event emitter (`createListeners`) and a value that tells its listeners when it changes (`createStore`).

export type Listener<T> = (value: T) => void;

export interface Listeners<T> {
  emit(value: T): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: Listener<T>): () => void;
}

export interface Store<T> {
  get(): T;
  /** Tells the listeners only when the value actually changed (Object.is). */
  set(next: T): void;
  /** Calls `listener` with the value now, then on every change; returns the unsubscribe function. */
  subscribe(listener: Listener<T>): () => void;
}

export function createListeners<T>(): Listeners<T> {
  const listeners = new Set<Listener<T>>();
  return {
    emit(value) {
      // A copy: a listener that unsubscribes (or subscribes another) while being told must not upset this round.
      for (const listener of Array.from(listeners)) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = createListeners<T>();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      listeners.emit(value);
    },
    subscribe(listener) {
      const unsubscribe = listeners.subscribe(listener);
      listener(value);
      return unsubscribe;
    },
  };
}
