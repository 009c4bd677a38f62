import { expect, it } from 'vitest';
import { isPageToSwMessage } from './messages';

it('accepts the page-to-SW message and rejects look-alikes, storage notices and retired types', () => {
  expect(isPageToSwMessage({ type: 'SKIP_WAITING' })).toBe(true);
  expect(isPageToSwMessage({ type: 'skip_waiting' })).toBe(false);
  expect(isPageToSwMessage({ type: 'FLUSH_NOW' })).toBe(false);
  expect(isPageToSwMessage({ type: 'OUTBOX_CHANGED', keys: [] })).toBe(false);
  expect(isPageToSwMessage(null)).toBe(false);
  expect(isPageToSwMessage('SKIP_WAITING')).toBe(false);
});
