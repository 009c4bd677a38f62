// Group commit: writes submitted while the previous batch was being committed share the next transaction and its fsync.

/** What became of one item of a batch: its value, or the error that undid its part (and only its part). */
export type ItemOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Writes every item in one transaction and commits it. Settles only once the commit is durable.
 * Returns one outcome per item, in order; rejects when the transaction as a whole failed
 * (then nothing of the batch is stored, and every item of it fails with that error).
 */
export type CommitBatch<I, R> = (items: readonly I[]) => Promise<readonly ItemOutcome<R>[]>;

export interface GroupCommitOptions<I, R> {
  commitBatch: CommitBatch<I, R>;
  /** Upper bound on the items of one transaction, so one commit (and the event loop it blocks) stays short. */
  maxBatchSize: number;
}

export interface GroupCommitStats {
  batches: number;
  items: number;
  largestBatch: number;
}

export interface GroupCommit<I, R> {
  /** Resolves with the item's value once the batch holding it is committed; rejects if its write or the commit failed. */
  submit(item: I): Promise<R>;
  /** Resolves once nothing is queued or being committed (for a clean shutdown). */
  idle(): Promise<void>;
  stats(): GroupCommitStats;
}

interface Waiting<I, R> {
  item: I;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * One batch is committed at a time. The first item to arrive schedules a flush for the end of the
 * current event-loop turn (setImmediate), so requests already read from their sockets join it;
 * items that arrive while a batch is being committed wait and go together in the next one.
 */
export function createGroupCommit<I, R>({ commitBatch, maxBatchSize }: GroupCommitOptions<I, R>): GroupCommit<I, R> {
  if (!(Number.isInteger(maxBatchSize) && maxBatchSize >= 1)) throw new RangeError('maxBatchSize must be a whole number >= 1');
  let queue: Waiting<I, R>[] = [];
  let scheduled = false;
  let committing = false;
  let idleWaiters: Array<() => void> = [];
  const stats: GroupCommitStats = { batches: 0, items: 0, largestBatch: 0 };

  function schedule(): void {
    if (scheduled || committing || queue.length === 0) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void flush();
    });
  }

  function settleIdle(): void {
    if (scheduled || committing || queue.length > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const wake of waiters) wake();
  }

  async function flush(): Promise<void> {
    committing = true;
    const batch = queue.slice(0, maxBatchSize);
    queue = queue.slice(batch.length);
    stats.batches += 1;
    stats.items += batch.length;
    stats.largestBatch = Math.max(stats.largestBatch, batch.length);
    try {
      const outcomes = await commitBatch(batch.map((waiting) => waiting.item));
      if (outcomes.length !== batch.length) throw new Error(`commitBatch returned ${outcomes.length} outcomes for ${batch.length} items`);
      batch.forEach((waiting, index) => {
        const outcome = outcomes[index]!;
        if (outcome.ok) waiting.resolve(outcome.value);
        else waiting.reject(outcome.error);
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    } finally {
      committing = false;
      schedule();
      settleIdle();
    }
  }

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      });
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
    stats: () => ({ ...stats }),
  };
}
