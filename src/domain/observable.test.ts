import { expect, it } from 'vitest';
import { createListeners, createStore } from './observable';

it('a store tells a new listener the value at once, then only real changes, until unsubscribed', () => {
  const store = createStore(1);
  const seen: number[] = [];
  const unsubscribe = store.subscribe((v) => seen.push(v));
  store.set(1);
  store.set(2);
  unsubscribe();
  store.set(3);
  expect(seen).toEqual([1, 2]);
  expect(store.get()).toBe(3);
});

it('listeners hear every emit; one that unsubscribes while being told does not upset the round', () => {
  const events = createListeners<string>();
  const seen: string[] = [];
  const stop = events.subscribe((v) => {
    seen.push(`a:${v}`);
    stop();
  });
  events.subscribe((v) => seen.push(`b:${v}`));
  events.emit('x');
  events.emit('y');
  expect(seen).toEqual(['a:x', 'b:x', 'b:y']);
});
