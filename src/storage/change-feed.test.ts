import { expect, it } from 'vitest';
import { isStorageChange } from './change-feed';

it('accepts well-formed storage notices and rejects look-alikes', () => {
  expect(isStorageChange({ type: 'CASES_CHANGED', ids: ['a'] })).toBe(true);
  expect(isStorageChange({ type: 'OUTBOX_CHANGED', keys: [] })).toBe(true);
  expect(isStorageChange({ type: 'CASES_CHANGED', ids: [1] })).toBe(false);
  expect(isStorageChange({ type: 'ORDERS_UPDATED' })).toBe(false);
  expect(isStorageChange({ type: 'TIMER_ELAPSED', caseId: 'a', timerKind: 'lockout', endsAt: 5 })).toBe(false);
  expect(isStorageChange({ type: 'SKIP_WAITING' })).toBe(false);
  expect(isStorageChange(null)).toBe(false);
});
