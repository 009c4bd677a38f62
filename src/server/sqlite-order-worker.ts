// Worker thread entry: owns a connection per SQLite file and commits the order batches posted to it, fsync included, off the event loop.
import { parentPort } from 'node:worker_threads';
import type Sqlite from 'better-sqlite3';
import { openSqliteConnection } from './sqlite-connection';
import { prepareOrderBatch } from './sqlite-order-batch';
import { toWireError, type WorkerReply, type WorkerRequest } from './sqlite-order-wire';

interface OpenFile {
  sqlite: Sqlite.Database;
  commit: ReturnType<typeof prepareOrderBatch> | undefined;
}

const files = new Map<string, OpenFile>();

function fileFor(path: string): OpenFile {
  let open = files.get(path);
  if (!open) {
    open = { sqlite: openSqliteConnection(path), commit: undefined };
    files.set(path, open);
  }
  return open;
}

function handle(request: WorkerRequest): WorkerReply {
  try {
    switch (request.kind) {
      case 'open':
        fileFor(request.file);
        return { id: request.id, ok: true };
      case 'write': {
        const open = fileFor(request.file);
        // Prepared on the first batch: the table exists only once the main thread ran the migrations.
        open.commit ??= prepareOrderBatch(open.sqlite);
        const outcomes = open.commit(request.writes).map((outcome) => (outcome.ok ? outcome : { ok: false as const, error: toWireError(outcome.error) }));
        return { id: request.id, ok: true, outcomes };
      }
      case 'close':
        files.get(request.file)?.sqlite.close();
        files.delete(request.file);
        return { id: request.id, ok: true };
    }
  } catch (error) {
    return { id: request.id, ok: false, error: toWireError(error) };
  }
}

if (!parentPort) throw new Error('sqlite-order-worker.ts runs as a worker thread (see sqlite-order-writer.ts)');
const port = parentPort;
port.on('message', (request: WorkerRequest) => port.postMessage(handle(request)));
