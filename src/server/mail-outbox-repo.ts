// Data access for the mail outbox: queue a code mail (inside the fulfilment transaction), claim due entries, record outcomes.
import type { Kysely, Updateable } from 'kysely';
import type { Locale } from '../domain/order';
import { randomToken } from './secrets';
import type { DatabaseSchema, MailKind, MailOutboxStatus, MailOutboxTable } from './schema';
import type { OrderGeneration } from '../domain/generations';
import type { Price } from '../domain/price';

/** A claimed outbox entry with what the message needs, read from the order at send time. */
export interface ClaimedMail {
  id: string;
  kind: MailKind;
  orderId: string;
  /** This claim's lease: outcomes are recorded only while it is still the entry's. */
  leaseId: string;
  /** Attempts including this one. */
  attempts: number;
  email: string;
  locale: Locale;
  serial: string;
  /** Code mails only. */
  code: string;
  caseLabel?: string;
  generation: OrderGeneration;
  /** What the customer paid (payment on): the receipt line of the code mail, the amount of the refund mail. */
  paid?: Price;
  /** Refund mails: the reason staff gave. */
  reason?: string;
}

export interface OutboxEntry {
  id: string;
  kind: MailKind;
  orderId: string;
  status: MailOutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  sentAt?: string;
}

/** One code mail per order (unique constraint); queueing twice is a no-op. */
export function queueCodeMail(db: Kysely<DatabaseSchema>, orderId: string, now: Date): Promise<void> {
  return queueMail(db, orderId, 'code', now);
}

/** One mail of each kind per order (unique constraint); queueing twice is a no-op. */
export async function queueMail(db: Kysely<DatabaseSchema>, orderId: string, kind: MailKind, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('mail_outbox')
    .values({ id: randomToken(), order_id: orderId, kind, status: 'pending', next_attempt_at: at, created_at: at, last_error: null, sent_at: null, lease_id: null })
    .onConflict((conflict) => conflict.columns(['order_id', 'kind']).doNothing())
    .execute();
}

export interface MailOutboxRepo {
  /**
   * Claims the most overdue entry with a lease: a compare-and-set pushes its due time `leaseMs`
   * into the future and stamps a fresh lease id, so of two senders (two server processes on one
   * PostgreSQL) only one gets it, and one that dies mid-send is retried after the lease. One entry
   * at a time, so no entry waits in a sender's hands while its lease runs out.
   */
  claimNext(now: Date, leaseMs: number): Promise<ClaimedMail | undefined>;
  /** Pushes the lease's end out again while a slow send is under way; false once the lease is no longer held. */
  renewLease(id: string, leaseId: string, leaseEnd: Date): Promise<boolean>;
  /** Records delivery; false (nothing written) when the lease is no longer this sender's. */
  markSent(id: string, leaseId: string, now: Date): Promise<boolean>;
  /** After a failed attempt: due again at `nextAttemptAt`, or given up when `final`; false when the lease is lost. */
  markFailed(id: string, leaseId: string, error: string, nextAttemptAt: Date, final: boolean): Promise<boolean>;
  /** The earliest due time of a pending entry, to sleep until then. */
  nextDueAt(): Promise<string | undefined>;
  list(): Promise<OutboxEntry[]>;
}

export function createMailOutboxRepo(db: Kysely<DatabaseSchema>): MailOutboxRepo {
  /** Every outcome is written only under the lease it was claimed with: a sender whose lease ran out writes nothing. */
  async function updateUnderLease(id: string, leaseId: string, values: Updateable<MailOutboxTable>): Promise<boolean> {
    const result = await db
      .updateTable('mail_outbox')
      .set(values)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('lease_id', '=', leaseId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  return {
    async claimNext(now, leaseMs) {
      const at = now.toISOString();
      const leaseEnd = new Date(now.getTime() + leaseMs).toISOString();
      // Another sender may win the entry between the read and the compare-and-set: then try the next.
      for (;;) {
        const entry = await db
          .selectFrom('mail_outbox')
          .select(['id', 'next_attempt_at'])
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', at)
          .orderBy('next_attempt_at', 'asc')
          .limit(1)
          .executeTakeFirst();
        if (!entry) return undefined;
        const leaseId = randomToken();
        const result = await db
          .updateTable('mail_outbox')
          .set((eb) => ({ next_attempt_at: leaseEnd, lease_id: leaseId, attempts: eb('attempts', '+', 1) }))
          .where('id', '=', entry.id)
          .where('status', '=', 'pending')
          .where('next_attempt_at', '=', entry.next_attempt_at)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) continue;
        const row = await db
          .selectFrom('mail_outbox')
          .innerJoin('orders', 'orders.id', 'mail_outbox.order_id')
          .select([
            'mail_outbox.id as id',
            'mail_outbox.kind as kind',
            'mail_outbox.order_id as orderId',
            'orders.generation as generation',
            'orders.paid_amount as paidAmount',
            'orders.paid_currency as paidCurrency',
            'orders.cancel_reason as reason',
            'mail_outbox.attempts as attempts',
            'orders.email as email',
            'orders.locale as locale',
            'orders.serial as serial',
            'orders.code as code',
            'orders.case_label as caseLabel',
          ])
          .where('mail_outbox.id', '=', entry.id)
          .executeTakeFirst();
        if (!row || (row.kind === 'code' && row.code === null) || row.email === '') {
          // A code mail without a code (or any mail after the retention job blanked the address) cannot be written; give up instead of looping.
          await updateUnderLease(entry.id, leaseId, { status: 'failed', last_error: row?.email === '' ? 'redacted' : 'no-code', lease_id: null });
          continue;
        }
        const mail: ClaimedMail = {
          id: row.id,
          kind: row.kind,
          orderId: row.orderId,
          leaseId,
          generation: row.generation as OrderGeneration,
          attempts: Number(row.attempts),
          email: row.email,
          locale: row.locale as Locale,
          serial: row.serial,
          code: row.code ?? '',
        };
        if (row.caseLabel !== null) mail.caseLabel = row.caseLabel;
        if (row.paidAmount !== null && row.paidCurrency !== null) mail.paid = { amount: Number(row.paidAmount), currency: row.paidCurrency };
        if (row.kind === 'refund' && row.reason !== null) mail.reason = row.reason;
        return mail;
      }
    },

    renewLease(id, leaseId, leaseEnd) {
      return updateUnderLease(id, leaseId, { next_attempt_at: leaseEnd.toISOString() });
    },

    markSent(id, leaseId, now) {
      return updateUnderLease(id, leaseId, { status: 'sent', sent_at: now.toISOString(), last_error: null, lease_id: null });
    },

    markFailed(id, leaseId, error, nextAttemptAt, final) {
      return updateUnderLease(id, leaseId, {
        status: final ? 'failed' : 'pending',
        last_error: error.slice(0, 200),
        next_attempt_at: nextAttemptAt.toISOString(),
        lease_id: null,
      });
    },

    async nextDueAt() {
      const row = await db
        .selectFrom('mail_outbox')
        .select('next_attempt_at')
        .where('status', '=', 'pending')
        .orderBy('next_attempt_at', 'asc')
        .limit(1)
        .executeTakeFirst();
      return row?.next_attempt_at;
    },

    async list() {
      const rows = await db.selectFrom('mail_outbox').selectAll().orderBy('created_at', 'asc').orderBy('id', 'asc').execute();
      return rows.map((row) => {
        const entry: OutboxEntry = { id: row.id, kind: row.kind, orderId: row.order_id, status: row.status, attempts: Number(row.attempts), nextAttemptAt: row.next_attempt_at };
        if (row.last_error !== null) entry.lastError = row.last_error;
        if (row.sent_at !== null) entry.sentAt = row.sent_at;
        return entry;
      });
    },
  };
}
