// @vitest-environment happy-dom
// A refused order's actions: what each problem offers, and that a press is guarded and its failure shown.
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProblemReport } from '../../domain/order';
import { StorageFullError } from '../../storage/db';
import type { NeedsAttentionEntry } from '../../storage/outbox-store';
import { cleanup, fireEvent, render, screen, useEnglish } from '../test-support/render';
import { OrderStatus } from './order-status';

const store = vi.hoisted(() => ({ editAndRequeue: vi.fn(), discardOrder: vi.fn(), getOrder: vi.fn() }));
vi.mock('../../storage/outbox-store', () => store);
vi.mock('../order-sync', () => ({ sendOrdersNow: vi.fn(), orderQueued: vi.fn() }));

beforeAll(useEnglish);
beforeEach(() => {
  store.editAndRequeue.mockReset();
  store.discardOrder.mockReset();
});
afterEach(cleanup);

function refusedOrder(problem: Partial<ProblemReport>): NeedsAttentionEntry {
  return {
    key: '0f8fad5b-d9cb-469f-a165-70867728950e',
    request: { serial: 'BP123456789012', email: 'owner@example.com', generation: 'r55-r59', locale: 'en' },
    state: 'needsAttention',
    problem: { status: 400, problems: [], ...problem },
    attentionAt: 1,
    createdAt: 1,
    updatedAt: 1,
    attempts: 1,
  };
}

const resend = () => screen.queryByRole('button', { name: 'Send the corrected order' });
const discard = () => screen.queryByRole('button', { name: 'Remove this order' });

/** A promise the test settles when it wants, to see the screen while a call runs. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('a refused order', () => {
  it('reused key: says an order exists under this reference, offers neither fix nor discard', () => {
    render(<OrderStatus entry={refusedOrder({ status: 422, code: 'idempotency.keyReused' })} />);
    expect(screen.getByTestId('order-status').textContent).toContain('already has an order under this reference');
    expect(screen.getByTestId('order-status').textContent).not.toContain('Check the serial');
    expect(resend()).toBeNull();
    expect(discard()).toBeNull();
  });

  it('a problem the form cannot change (too large, locale): no fix form, says why, offers removal', () => {
    for (const problem of [{ status: 413 }, { problems: [{ field: 'locale', code: 'locale.invalid' }] }]) {
      render(<OrderStatus entry={refusedOrder(problem)} />);
      expect(resend()).toBeNull();
      expect(screen.getByTestId('order-status').textContent).toContain('cannot be corrected here');
      expect(screen.getByTestId('order-status').textContent).not.toContain('Check the serial');
      expect(discard()).not.toBeNull();
      cleanup();
    }
  });

  it('a serial problem: the fix form, disabled while the resend is stored, and a storage failure shown', async () => {
    const write = deferred();
    store.editAndRequeue.mockReturnValue(write.promise);
    render(<OrderStatus entry={refusedOrder({ problems: [{ field: 'serial', code: 'serial.tooShort' }] })} />);
    const button = resend() as HTMLButtonElement;
    await act(async () => {
      fireEvent.click(button);
      fireEvent.click(button);
    });
    expect(store.editAndRequeue).toHaveBeenCalledTimes(1);
    expect(button.disabled).toBe(true);
    expect((discard() as HTMLButtonElement).disabled).toBe(true);

    await act(async () => write.reject(new StorageFullError('Device storage is full')));
    expect((await screen.findByRole('alert')).textContent).toContain('storage is full');
    expect(button.disabled).toBe(false);
  });

  it('discard: disabled while it runs, and a storage failure shown (no unhandled rejection)', async () => {
    const removal = deferred();
    store.discardOrder.mockReturnValue(removal.promise);
    render(<OrderStatus entry={refusedOrder({ problems: [{ field: 'serial', code: 'serial.tooShort' }] })} />);
    const button = discard() as HTMLButtonElement;
    await act(async () => {
      fireEvent.click(button);
      fireEvent.click(button);
    });
    expect(store.discardOrder).toHaveBeenCalledTimes(1);
    expect(button.disabled).toBe(true);

    await act(async () => removal.reject(new StorageFullError('Device storage is full')));
    expect((await screen.findByRole('alert')).textContent).toContain('storage is full');
    expect(button.disabled).toBe(false);
  });
});
