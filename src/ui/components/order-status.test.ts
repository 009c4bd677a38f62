import { expect, it } from 'vitest';
import en from '../../i18n/locales/en/common.json';
import type { OutboxEntry, PendingEntry } from '../../storage/outbox-store';
import { failureKey, orderPhase } from './order-status';

const queued: PendingEntry = {
  key: 'k',
  request: { serial: 'BP123456789012', email: 'owner@example.com', generation: 'r55-r59', locale: 'en' },
  state: 'queued',
  createdAt: 1,
  updatedAt: 1,
  attempts: 0,
  nextAttemptAt: 1,
};

it('never says "Sending…" for an order that is not being sent: the judgement and the last failure decide', () => {
  const failed: OutboxEntry = { ...queued, attempts: 1, lastError: 'timeout' };
  expect(orderPhase(queued, 'offline')).toBe('waitingForSignal');
  expect(orderPhase(failed, 'offline')).toBe('waitingForSignal');
  expect(orderPhase(queued, 'unknown')).toBe('sending'); // queued a moment ago: the send is starting
  expect(orderPhase(failed, 'unknown')).toBe('retrying');
  expect(orderPhase(failed, 'online')).toBe('retrying');
  expect(orderPhase({ ...failed, state: 'sending' }, 'offline')).toBe('sending'); // a request is out: it is sending
});

it('names every failure the sync layer stores, and reads anything else as unexpected', () => {
  for (const error of ['network', 'timeout', 'server', 'conflict', 'rateLimited', 'badResponse', 'unexpected', 'gone']) {
    const key = failureKey(error).split('.').pop() as keyof typeof en.orderStatus.failure;
    expect(en.orderStatus.failure[key], error).toBeTypeOf('string');
    expect(key).toBe(error);
  }
  expect(failureKey('code.format')).toBe('orderStatus.failure.unexpected');
});
