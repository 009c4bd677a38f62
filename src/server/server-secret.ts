// The server secret (idempotency-key HMAC): from SERVER_SECRET, or generated on first start and kept in the database for every instance.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema';

const SECRET_NAME = 'idempotency-hmac';

/**
 * The secret as key material. A configured SERVER_SECRET wins (and stays out of the database);
 * otherwise the first instance to start inserts a random one and every instance, now and after
 * restarts, reads that same row (insert-if-absent, then read: no race between instances).
 */
export async function loadServerSecret(db: Kysely<DatabaseSchema>, configured: string | undefined, now: Date): Promise<Buffer> {
  if (configured !== undefined) return createHash('sha256').update(`server-secret\0${configured}`, 'utf8').digest();
  await db
    .insertInto('server_secrets')
    .values({ name: SECRET_NAME, value: randomBytes(32).toString('base64url'), created_at: now.toISOString() })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', SECRET_NAME).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64url');
}
