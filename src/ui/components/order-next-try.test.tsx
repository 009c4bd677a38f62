// @vitest-environment happy-dom
// A queued order with no signal says when it goes next: a time only while its retry pause runs, else just "with signal".
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PendingEntry } from '../../storage/outbox-store';
import { cleanup, render, screen, useEnglish } from '../test-support/render';
import { OrderStatus } from './order-status';

vi.mock('../../storage/outbox-store', () => ({ editAndRequeue: vi.fn(), discardOrder: vi.fn(), getOrder: vi.fn() }));
vi.mock('../order-sync', () => ({ sendOrdersNow: vi.fn(), orderQueued: vi.fn() }));
vi.mock('../page-connectivity', () => ({ pageConnectivity: { subscribe: (listener: (r: string) => void) => (listener('offline'), () => undefined) } }));

beforeAll(useEnglish);
afterEach(cleanup);

function failedOffline(nextAttemptAt: number): PendingEntry {
  return {
    key: 'k',
    request: { serial: 'BP123456789012', email: 'owner@example.com', generation: 'r55-r59', locale: 'en' },
    state: 'queued',
    createdAt: 1,
    updatedAt: Date.now() - 60_000,
    attempts: 1,
    lastError: 'network',
    nextAttemptAt,
  };
}

describe('a queued order while there is no signal', () => {
  it('due already: it goes out as soon as there is signal (no "from" a time that has passed)', async () => {
    render(<OrderStatus entry={failedOffline(Date.now() - 30_000)} />);
    const attempt = await screen.findByTestId('order-attempt');
    expect(attempt.textContent).toMatch(/It goes out as soon as there is signal\.$/);
    expect(attempt.textContent).not.toContain('Next try from');
  });

  it('in its retry pause: the time it goes next', async () => {
    render(<OrderStatus entry={failedOffline(Date.now() + 5 * 60_000)} />);
    const attempt = await screen.findByTestId('order-attempt');
    expect(attempt.textContent).toMatch(/Next try from \d{1,2}:\d{2}(?: [AP]M)?, as soon as there is signal\.$/);
  });
});
