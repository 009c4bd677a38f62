// Single flight with one queued rerun: a burst of requests while a run is under way costs one more run, not ten.

export interface SingleFlight<A, R> {
  /**
   * Starts a run, or — while one runs — remembers `arg` (the latest wins) for exactly one run after it.
   * During a run, callers get the current run's promise.
   */
  run(arg: A): Promise<R>;
  /** The run under way, if any. */
  readonly running: Promise<R> | undefined;
}

export interface SingleFlightOptions {
  /** A rerun's failure has no caller to reject: it goes here. */
  onRerunError?: (error: unknown) => void;
  /** Checked before a queued rerun starts (e.g. the owner was stopped). */
  shouldRerun?: () => boolean;
}

export function singleFlight<A, R>(work: (arg: A) => Promise<R>, options: SingleFlightOptions = {}): SingleFlight<A, R> {
  let running: Promise<R> | undefined;
  let queued: { arg: A } | undefined;

  function run(arg: A): Promise<R> {
    if (running) {
      queued = { arg };
      return running;
    }
    // Start through a resolved promise so a synchronous throw in `work` becomes a rejection like any other.
    const current = Promise.resolve(arg)
      .then(work)
      .finally(() => {
        running = undefined;
        const next = queued;
        queued = undefined;
        if (next && (options.shouldRerun?.() ?? true)) run(next.arg).catch((error: unknown) => options.onRerunError?.(error));
      });
    running = current;
    return current;
  }

  return {
    run,
    get running() {
      return running;
    },
  };
}
