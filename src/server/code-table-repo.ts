// Data access for the staff code table: atomic import, single add, search, export, and the lookup that fulfils an order instantly.
import type { Kysely, Transaction } from 'kysely';
import type { CodeTableRow } from '../domain/code-table';
import { queueMail } from './mail-outbox-repo';
import type { DatabaseSchema } from './schema';

export type ImportResult =
  | { ok: true; added: number; unchanged: number }
  /** Serials the table already holds with a different code: nothing was imported. */
  | { ok: false; conflicts: Array<{ serial: string; existing: string; offered: string }> };

export interface CodeTableRepo {
  /** All rows or none, in one transaction; a serial already in the table with another code refuses the whole import. */
  importRows(rows: readonly CodeTableRow[], now: Date): Promise<ImportResult>;
  /** Serials starting with `prefix` (normalised), in serial order. */
  search(prefix: string, limit: number): Promise<CodeTableRow[]>;
  count(): Promise<number>;
  /** Every row in serial order, read in pages so a million rows never sit in memory at once. */
  exportRows(pageSize?: number): AsyncGenerator<CodeTableRow[]>;
  /** An order received with payment off: fulfilled from the table in one transaction with its code mail, when its serial is there. */
  fulfilOrder(orderId: string, now: Date): Promise<string | undefined>;
  /** After staff added codes: every waiting (received or paid) order whose serial is now known is fulfilled. Returns how many. */
  fulfilWaiting(now: Date): Promise<number>;
}

/** Rows per INSERT: under SQLite's 32,766 bound parameters and PostgreSQL's 65,535 with room to spare. */
const INSERT_CHUNK = 2_000;
/** Serials per "which of these exist" query (IN list). */
const LOOKUP_CHUNK = 2_000;

/**
 * Fulfils a received or paid order from the code table inside the caller's transaction and queues
 * the code mail with it: either both happen or neither. Returns the code, or undefined when the
 * serial is not in the table (the order then waits for staff).
 */
export async function fulfilFromCodeTable(trx: Transaction<DatabaseSchema> | Kysely<DatabaseSchema>, orderId: string, now: Date): Promise<string | undefined> {
  const found = await trx
    .selectFrom('orders')
    .innerJoin('code_table', 'code_table.serial', 'orders.serial')
    .select('code_table.code as code')
    .where('orders.id', '=', orderId)
    .where('orders.status', 'in', ['received', 'paid'])
    .executeTakeFirst();
  if (!found) return undefined;
  const at = now.toISOString();
  const updated = await trx
    .updateTable('orders')
    .set({ status: 'fulfilled', code: found.code, fulfilled_at: at, updated_at: at })
    .where('id', '=', orderId)
    .where('status', 'in', ['received', 'paid'])
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return undefined;
  await queueMail(trx, orderId, 'code', now);
  return found.code;
}

export function createCodeTableRepo(db: Kysely<DatabaseSchema>): CodeTableRepo {
  return {
    importRows(rows, now) {
      return db.transaction().execute(async (trx): Promise<ImportResult> => {
        const conflicts: Array<{ serial: string; existing: string; offered: string }> = [];
        const offered = new Map(rows.map((row) => [row.serial, row.code]));
        const known = new Set<string>();
        const serials = [...offered.keys()];
        for (let start = 0; start < serials.length; start += LOOKUP_CHUNK) {
          const existing = await trx.selectFrom('code_table').select(['serial', 'code']).where('serial', 'in', serials.slice(start, start + LOOKUP_CHUNK)).execute();
          for (const row of existing) {
            known.add(row.serial);
            const code = offered.get(row.serial);
            if (code !== undefined && code !== row.code) conflicts.push({ serial: row.serial, existing: row.code, offered: code });
          }
        }
        if (conflicts.length > 0) return { ok: false, conflicts };
        const fresh = rows.filter((row) => !known.has(row.serial));
        const at = now.toISOString();
        for (let start = 0; start < fresh.length; start += INSERT_CHUNK) {
          await trx
            .insertInto('code_table')
            .values(fresh.slice(start, start + INSERT_CHUNK).map((row) => ({ serial: row.serial, code: row.code, created_at: at })))
            .execute();
        }
        return { ok: true, added: fresh.length, unchanged: rows.length - fresh.length };
      });
    },

    async search(prefix, limit) {
      // A prefix range instead of LIKE: no wildcard escaping, and both engines use the primary key.
      let query = db.selectFrom('code_table').select(['serial', 'code']);
      if (prefix) query = query.where('serial', '>=', prefix).where('serial', '<', `${prefix}\uffff`);
      return query.orderBy('serial', 'asc').limit(limit).execute();
    },

    async count() {
      const row = await db.selectFrom('code_table').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    fulfilOrder(orderId, now) {
      return db.transaction().execute((trx) => fulfilFromCodeTable(trx, orderId, now));
    },

    async fulfilWaiting(now) {
      const waiting = await db
        .selectFrom('orders')
        .innerJoin('code_table', 'code_table.serial', 'orders.serial')
        .select('orders.id as id')
        .where('orders.state', '=', 'complete')
        .where('orders.status', 'in', ['received', 'paid'])
        .execute();
      let fulfilled = 0;
      for (const { id } of waiting) if (await this.fulfilOrder(id, now)) fulfilled += 1;
      return fulfilled;
    },

    async *exportRows(pageSize = 5_000) {
      let after = '';
      for (;;) {
        const page = await db.selectFrom('code_table').select(['serial', 'code']).where('serial', '>', after).orderBy('serial', 'asc').limit(pageSize).execute();
        if (page.length === 0) return;
        yield page;
        after = page[page.length - 1]!.serial;
        if (page.length < pageSize) return;
      }
    },
  };
}
