import { describe, expect, it } from 'vitest';
import { createGroupCommit, type ItemOutcome } from './group-commit';

/** A commitBatch the test completes by hand, recording every batch it was given. */
function manualCommits<I, R>(decide: (item: I) => ItemOutcome<R>) {
  const batches: I[][] = [];
  const pending: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  const commitBatch = (items: readonly I[]) => {
    batches.push([...items]);
    return new Promise<ItemOutcome<R>[]>((resolve, reject) => {
      pending.push({ resolve: () => resolve(items.map(decide)), reject });
    });
  };
  return { batches, commitBatch, commitNext: () => pending.shift()!.resolve(), failNext: (error: unknown) => pending.shift()!.reject(error), waiting: () => pending.length };
}

/** Settles every promise already queued, and the setImmediate that starts a batch. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Turns the event loop until a batch waits for its commit (bounded, so a bug fails instead of hanging). */
async function batchStarted(waiting: () => number): Promise<void> {
  for (let i = 0; i < 20 && waiting() === 0; i++) await turn();
  expect(waiting()).toBeGreaterThan(0);
}

function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

const double = (n: number): ItemOutcome<number> => ({ ok: true, value: n * 2 });

describe('group commit', () => {
  it('items submitted in one turn share one batch; items arriving during its commit share the next', async () => {
    const commits = manualCommits(double);
    const group = createGroupCommit({ commitBatch: commits.commitBatch, maxBatchSize: 100 });
    const first = [1, 2, 3].map((n) => group.submit(n));
    await turn();
    expect(commits.batches).toEqual([[1, 2, 3]]);

    const second = [4, 5].map((n) => group.submit(n));
    await turn();
    // Still committing the first batch: the newcomers wait for it.
    expect(commits.batches).toHaveLength(1);

    commits.commitNext();
    expect(await Promise.all(first)).toEqual([2, 4, 6]);
    await batchStarted(commits.waiting);
    expect(commits.batches).toEqual([[1, 2, 3], [4, 5]]);
    commits.commitNext();
    expect(await Promise.all(second)).toEqual([8, 10]);
    expect(group.stats()).toEqual({ batches: 2, items: 5, largestBatch: 3 });
  });

  it('answers no item before its batch is committed', async () => {
    const commits = manualCommits(double);
    const group = createGroupCommit({ commitBatch: commits.commitBatch, maxBatchSize: 100 });
    const answer = track(group.submit(21));
    for (let i = 0; i < 5; i++) await turn();
    expect(commits.waiting()).toBe(1);
    expect(answer.settled).toBe(false);
    commits.commitNext();
    await turn();
    expect(answer).toEqual({ settled: true, value: 42 });
  });

  it('a batch holds at most maxBatchSize items; the rest follow in order', async () => {
    const commits = manualCommits(double);
    const group = createGroupCommit({ commitBatch: commits.commitBatch, maxBatchSize: 2 });
    const answers = [1, 2, 3, 4, 5].map((n) => group.submit(n));
    for (let batch = 0; batch < 3; batch++) {
      await batchStarted(commits.waiting);
      commits.commitNext();
    }
    expect(await Promise.all(answers)).toEqual([2, 4, 6, 8, 10]);
    expect(commits.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('an item that failed fails alone; the others of its batch get their values', async () => {
    const refused = new Error('constraint failed');
    const commits = manualCommits((n: number): ItemOutcome<number> => (n === 2 ? { ok: false, error: refused } : double(n)));
    const group = createGroupCommit({ commitBatch: commits.commitBatch, maxBatchSize: 100 });
    const answers = [1, 2, 3].map((n) => track(group.submit(n)));
    await turn();
    commits.commitNext();
    await turn();
    expect(answers).toEqual([
      { settled: true, value: 2 },
      { settled: true, error: refused },
      { settled: true, value: 6 },
    ]);
  });

  it('a failed commit fails every item of that batch, and the next batch still runs', async () => {
    const commits = manualCommits(double);
    const group = createGroupCommit({ commitBatch: commits.commitBatch, maxBatchSize: 100 });
    const lost = [1, 2].map((n) => track(group.submit(n)));
    await turn();
    const later = group.submit(3);
    const diskFull = new Error('SQLITE_FULL');
    commits.failNext(diskFull);
    await turn();
    expect(lost).toEqual([
      { settled: true, error: diskFull },
      { settled: true, error: diskFull },
    ]);
    await batchStarted(commits.waiting);
    commits.commitNext();
    expect(await later).toBe(6);
  });

  it('a commitBatch that answers for the wrong number of items fails the batch instead of guessing', async () => {
    const group = createGroupCommit<number, number>({ commitBatch: async () => [{ ok: true, value: 1 }], maxBatchSize: 100 });
    const answers = [1, 2].map((n) => group.submit(n));
    await expect(answers[0]).rejects.toThrow(/1 outcomes for 2 items/);
    await expect(answers[1]).rejects.toThrow(/1 outcomes for 2 items/);
  });

  it('idle() waits for queued and committing batches', async () => {
    const commits = manualCommits(double);
    const group = createGroupCommit({ commitBatch: commits.commitBatch, maxBatchSize: 100 });
    await group.idle();
    void group.submit(1);
    const idle = track(group.idle());
    await turn();
    expect(idle.settled).toBe(false);
    commits.commitNext();
    await turn();
    expect(idle.settled).toBe(true);
  });

  it('refuses a batch size that is not a whole number of at least 1', () => {
    for (const maxBatchSize of [0, -1, 1.5, Number.NaN]) {
      expect(() => createGroupCommit({ commitBatch: async () => [], maxBatchSize })).toThrow(RangeError);
    }
  });
});
