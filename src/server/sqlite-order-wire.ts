// The messages between the order writer (main thread) and its worker thread, and errors as they cross.
import type { ItemOutcome } from './group-commit';
import type { InsertOrderResult } from './orders-repo';
import type { OrderWrite } from './sqlite-order-batch';

export type WorkerRequest =
  | { id: number; kind: 'open'; file: string }
  | { id: number; kind: 'write'; file: string; writes: readonly OrderWrite[] }
  | { id: number; kind: 'close'; file: string };

/** An error as plain data: class name, message and SQLite's code (e.g. SQLITE_CONSTRAINT_TRIGGER). */
export interface WireError {
  name: string;
  message: string;
  code?: string;
}

export type WireOutcome = { ok: true; value: InsertOrderResult } | { ok: false; error: WireError };

export type WorkerReply = { id: number; ok: true; outcomes?: WireOutcome[] } | { id: number; ok: false; error: WireError };

export function toWireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
}

export function fromWireError(wire: WireError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  if (wire.code !== undefined) Object.assign(error, { code: wire.code });
  return error;
}

export function fromWireOutcome(outcome: WireOutcome): ItemOutcome<InsertOrderResult> {
  return outcome.ok ? outcome : { ok: false, error: fromWireError(outcome.error) };
}
