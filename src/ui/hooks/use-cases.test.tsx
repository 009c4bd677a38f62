// @vitest-environment happy-dom
// The home screen's cases: start-up's early read is the first answer, once, unless a change was announced after it began.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase, type RadioCase } from '../../domain/case';
import { putCase } from '../../storage/cases-store';
import { closeDb, useDatabase, writeTransaction } from '../../storage/db';
import { cleanup, render, screen } from '../test-support/render';
import { prefetchAllCases, useCases } from './use-cases';

function car(n: number): RadioCase {
  return createCase({ id: `car-${n}`, label: `Car ${n}`, now: 1_000 + n, generation: 'r55-r59' });
}

/** Writes without the change notice, as if it had happened unseen: shows whether the list was read before or after. */
function writeQuietly(radioCase: RadioCase): Promise<void> {
  return writeTransaction(['cases'], async (tx) => {
    await tx.objectStore('cases').put(radioCase);
  });
}

function Labels() {
  const cases = useCases(true);
  return <p>{cases.status === 'ready' ? cases.value.map((c) => c.label).join(', ') : cases.status}</p>;
}

/** The first list the hook answers with (its reads here all finish before anything else changes). */
async function shownLabels(expected: string): Promise<void> {
  expect((await screen.findByText(/^Car/)).textContent).toBe(expected);
}

beforeEach(async () => {
  await useDatabase(`use-cases-test-${crypto.randomUUID()}`);
  await putCase(car(1));
  await putCase(car(2));
});
afterEach(async () => {
  cleanup();
  await closeDb();
});

describe('useCases with the start-up read', () => {
  it('shows what the early read found, without asking the device again', async () => {
    await prefetchAllCases();
    await writeQuietly(car(3));
    render(<Labels />);
    await shownLabels('Car 2, Car 1');
  });

  it('uses the early read once: the next screen reads afresh', async () => {
    await prefetchAllCases();
    render(<Labels />);
    await shownLabels('Car 2, Car 1');
    cleanup();
    await writeQuietly(car(3));
    render(<Labels />);
    await shownLabels('Car 3, Car 2, Car 1');
  });

  it('reads afresh when a change was announced after the early read began', async () => {
    await prefetchAllCases();
    await putCase(car(3));
    render(<Labels />);
    await shownLabels('Car 3, Car 2, Car 1');
  });

  it('reads afresh when nothing was read early', async () => {
    render(<Labels />);
    await shownLabels('Car 2, Car 1');
  });
});
