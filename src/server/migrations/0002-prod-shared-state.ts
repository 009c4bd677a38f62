// Migration 0002-prod: what several instances on one database must share: mail leases, rate-limit windows, the server secret.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Which sender holds an entry's lease: every outcome is written only by the holder (mail-outbox-repo.ts).
  await db.schema.alterTable('mail_outbox').addColumn('lease_id', 'text').execute();

  // rate-limiter-flexible's PostgreSQL store (its own layout: key, points used, window end in ms).
  // Created here, not by the library, so two instances starting at once do not race to create it.
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'varchar(255)', (col) => col.primaryKey())
    .addColumn('points', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('expire', 'bigint')
    .execute();

  // Secrets generated on first start and shared by every instance (the idempotency-key HMAC key).
  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('server_secrets').execute();
  await db.schema.dropTable('rate_limits').execute();
  await db.schema.alterTable('mail_outbox').dropColumn('lease_id').execute();
}
