import { expect, it } from 'vitest';
import { isAppMessage, isPageToSwMessage, isSwToPageMessage } from './messages';

it('accepts well-formed messages and rejects look-alikes', () => {
  expect(isAppMessage({ type: 'SKIP_WAITING' })).toBe(true);
  expect(isAppMessage({ type: 'CASES_CHANGED', ids: ['a'] })).toBe(true);
  expect(isAppMessage({ type: 'TIMER_ELAPSED', caseId: 'a', timerKind: 'lockout', endsAt: 5 })).toBe(true);
  expect(isAppMessage({ type: 'CASES_CHANGED', ids: [1] })).toBe(false);
  expect(isAppMessage({ type: 'ORDERS_UPDATED' })).toBe(false);
  expect(isAppMessage({ type: 'TIMER_ELAPSED', caseId: 'a' })).toBe(false);
  expect(isAppMessage({ type: 'skip_waiting' })).toBe(false);
  expect(isAppMessage(null)).toBe(false);
  expect(isAppMessage('SKIP_WAITING')).toBe(false);
  expect(isPageToSwMessage({ type: 'FLUSH_NOW' })).toBe(true);
  expect(isPageToSwMessage({ type: 'OUTBOX_CHANGED', keys: [] })).toBe(false);
  expect(isSwToPageMessage({ type: 'OUTBOX_CHANGED', keys: [] })).toBe(true);
  expect(isSwToPageMessage({ type: 'SKIP_WAITING' })).toBe(false);
});
