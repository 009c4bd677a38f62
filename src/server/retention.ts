// The retention job: once an order has been finished for RETENTION_DAYS, its e-mail address, serial and car label are blanked.
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema';

/** Finished: nothing more will be sent to the customer or asked of staff. */
export const FINISHED_STATUSES = ['fulfilled', 'cancelled', 'refunded'] as const;

const DAY_MS = 24 * 60 * 60_000;

/**
 * Blanks the personal data of orders finished more than `days` ago (by their last change: the
 * finishing transition). The row stays, so the customer's device can still read its code and staff
 * the order's history; the token hash alone links nothing to a person. Returns how many were blanked.
 */
export async function redactFinishedOrders(db: Kysely<DatabaseSchema>, now: Date, days: number): Promise<number> {
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  const result = await db
    .updateTable('orders')
    .set({ email: '', serial: '', case_label: null, redacted_at: now.toISOString() })
    .where('status', 'in', [...FINISHED_STATUSES])
    .where('redacted_at', 'is', null)
    .where('updated_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface RetentionJob {
  stop(): void;
}

/** Runs at start and then every `intervalMs` (default 6 h); a failure is logged and retried next time. */
export function startRetentionJob(options: {
  db: Kysely<DatabaseSchema>;
  days: number;
  intervalMs?: number;
  clock?: () => number;
  log?: (line: string) => void;
}): RetentionJob {
  const clock = options.clock ?? Date.now;
  const log = options.log ?? ((line: string) => console.info(line));
  const run = async (): Promise<void> => {
    try {
      const blanked = await redactFinishedOrders(options.db, new Date(clock()), options.days);
      if (blanked > 0) log(`retention: blanked e-mail and serial of ${blanked} orders finished over ${options.days} days ago`);
    } catch (error) {
      log(`retention: pass failed (${error instanceof Error ? error.name : 'error'}); retrying later`);
    }
  };
  void run();
  const timer = setInterval(() => void run(), options.intervalMs ?? 6 * 60 * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
