// Everything the bench started (servers, browsers, temp dirs) is registered here and torn down once, in reverse order, whatever happens.

const tasks = [];
const exitHooks = new Set();
let running; // the cleanup in progress, so a signal and the normal path never tear down twice
let aborted = false;
let signalsInstalled = false;

/**
 * Registers a teardown step; returns a function that runs it now and unregisters it. After an
 * interrupt, a step registered late (a browser that was still launching) runs at once.
 */
export function onCleanup(label, fn) {
  const task = { label, fn };
  if (aborted) {
    void runTask(task);
    return async () => {};
  }
  tasks.push(task);
  return async () => {
    const index = tasks.indexOf(task);
    if (index < 0) return;
    tasks.splice(index, 1);
    await runTask(task);
  };
}

/**
 * A synchronous last resort run on process exit (SIGKILL a child, remove a temp dir), for when
 * the process ends before the async teardown could finish. Returns a function that removes it.
 */
export function onExitSync(fn) {
  exitHooks.add(fn);
  return () => exitHooks.delete(fn);
}

process.on('exit', () => {
  for (const hook of exitHooks) {
    try {
      hook();
    } catch {
      // best effort while exiting
    }
  }
});

async function runTask(task) {
  try {
    await withTimeout(Promise.resolve().then(task.fn), 15_000, `cleanup: ${task.label}`);
  } catch (err) {
    console.error(`bench: cleanup of ${task.label} failed: ${err instanceof Error ? err.message : err}`);
  }
}

/** Runs every registered step, newest first. Concurrent callers share one run. */
export function cleanupAll() {
  running ??= (async () => {
    while (tasks.length > 0) await runTask(tasks.pop());
  })().finally(() => {
    running = undefined;
  });
  return running;
}

/** True once the bench was interrupted: sections should stop starting new work. */
export const wasAborted = () => aborted;

/** Ctrl-C, kill, or a crash outside any section still stops the children and removes temp files. */
export function installSignalHandlers() {
  if (signalsInstalled) return;
  signalsInstalled = true;
  const stop = (reason, code) => {
    if (aborted) return;
    aborted = true;
    console.error(`\nbench: ${reason}; stopping everything it started…`);
    void cleanupAll().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => stop('interrupted (SIGINT)', 130));
  process.on('SIGTERM', () => stop('terminated (SIGTERM)', 143));
  // Browser tooling sometimes leaves a rejected promise behind after a page closed: report it, keep going.
  process.on('unhandledRejection', (err) => console.error(`bench: unhandled rejection (ignored): ${err instanceof Error ? err.message : err}`));
  process.on('uncaughtException', (err) => stop(`uncaught exception: ${err.stack ?? err}`, 1));
}

export class TimeoutError extends Error {
  name = 'TimeoutError';
}

/** Rejects with TimeoutError after `ms`; the caller's cleanup stops whatever was still running. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
