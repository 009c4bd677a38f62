// New orders on SQLite: group commit in a worker thread, so one batch's fsync overlaps the next requests' work on the event loop.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createGroupCommit, type GroupCommitStats } from './group-commit';
import type { FirstResponse, InsertOrderResult, NewOrder } from './orders-repo';
import type { OrderWrite } from './sqlite-order-batch';
import { fromWireError, fromWireOutcome, type WorkerReply, type WorkerRequest } from './sqlite-order-wire';

export interface SqliteOrderWriter {
  /** Same contract as OrdersRepo.insertOrder: resolves once the transaction holding the order is committed. */
  insertOrder(order: NewOrder, response: FirstResponse, now: Date): Promise<InsertOrderResult>;
  /** Resolves once no batch is queued or being committed. */
  idle(): Promise<void>;
  stats(): GroupCommitStats;
  /** Waits for the batches under way, then closes the writer's connection (before the database itself is closed). */
  close(): Promise<void>;
}

export interface SqliteOrderWriterOptions {
  /** At 50 concurrent clients a batch holds about 50 orders; the cap only bounds a burst. */
  maxBatchSize?: number;
}

const HERE = fileURLToPath(import.meta.url);

/**
 * Built (`npm run build`: dist-server/main.js beside dist-server/sqlite-order-worker.js), the worker is plain
 * JavaScript. From the sources (tests, tsx), it loads TypeScript through tsx's require hook: Node 20's module
 * hooks (`--import tsx`) do not reach worker threads. Paths are resolved from this module, so the working
 * directory does not matter; tsx is looked up only when running from source (production installs lack it).
 */
function spawnWorker(): Worker {
  if (HERE.endsWith('.js')) return new Worker(path.join(path.dirname(HERE), 'sqlite-order-worker.js'));
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const entry = path.join(path.dirname(HERE), 'sqlite-order-worker.ts');
  const bootstrap = "const { workerData } = require('node:worker_threads'); require(workerData.tsx).register(); require(workerData.entry);";
  return new Worker(bootstrap, { eval: true, workerData: { tsx, entry } });
}

type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;
type Success = Extract<WorkerReply, { ok: true }>;

interface WorkerConnection {
  call(request: Request): Promise<Success>;
}

/** One worker per process serves every SQLite file (tests open many); it is started on first use and restarted if it dies. */
let shared: WorkerConnection | undefined;

function startWorker(): WorkerConnection {
  const worker = spawnWorker();
  // Only a call under way keeps the process alive: an idle writer does not hold up exit.
  worker.unref();
  const waiting = new Map<number, { resolve: (reply: Success) => void; reject: (error: unknown) => void }>();
  let nextId = 1;
  let gone = false;

  const settle = (id: number, outcome: (entry: { resolve: (reply: Success) => void; reject: (error: unknown) => void }) => void): void => {
    const entry = waiting.get(id);
    if (!entry) return;
    waiting.delete(id);
    if (waiting.size === 0) worker.unref();
    outcome(entry);
  };
  const fail = (error: unknown): void => {
    gone = true;
    if (shared === connection) shared = undefined;
    const pending = Array.from(waiting.values());
    waiting.clear();
    worker.unref();
    for (const entry of pending) entry.reject(error);
  };

  worker.on('message', (reply: WorkerReply) => settle(reply.id, (entry) => (reply.ok ? entry.resolve(reply) : entry.reject(fromWireError(reply.error)))));
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the SQLite order writer stopped (exit code ${code})`)));

  const connection: WorkerConnection = {
    call(request) {
      if (gone) return Promise.reject(new Error('the SQLite order writer stopped'));
      const id = nextId++;
      return new Promise<Success>((resolve, reject) => {
        if (waiting.size === 0) worker.ref();
        waiting.set(id, { resolve, reject });
        // An empty transfer list: the writes are copied (structured clone), nothing is moved.
        worker.postMessage({ ...request, id }, []);
      });
    },
  };
  return connection;
}

function workerConnection(): WorkerConnection {
  shared ??= startWorker();
  return shared;
}

/**
 * `file` is the SQLite file the main thread opened and migrated. The worker writes to it through
 * its own connection (same pragmas: WAL, synchronous=FULL); main-thread writes (fulfilment, mail)
 * and the worker's batches wait for each other's commit through SQLite's busy timeout.
 */
export function createSqliteOrderWriter(sqliteFile: string, options: SqliteOrderWriterOptions = {}): SqliteOrderWriter {
  const file = path.resolve(sqliteFile);
  // Starts the worker and opens the file now, so the first order does not wait for it; a failure shows on that order.
  workerConnection()
    .call({ kind: 'open', file })
    .catch(() => undefined);
  const group = createGroupCommit<OrderWrite, InsertOrderResult>({
    maxBatchSize: options.maxBatchSize ?? 256,
    commitBatch: async (writes) => {
      const reply = await workerConnection().call({ kind: 'write', file, writes });
      return (reply.outcomes ?? []).map(fromWireOutcome);
    },
  });
  return {
    insertOrder: (order, response, now) => group.submit({ order, response, at: now.toISOString() }),
    idle: () => group.idle(),
    stats: () => group.stats(),
    async close() {
      await group.idle();
      await workerConnection().call({ kind: 'close', file });
    },
  };
}
