// The list of migrations (static, so bundling or a missing folder cannot drop one) and the runner used at start.
import { Migrator, sql, type Kysely, type Migration, type MigrationResult } from 'kysely';
import type { DatabaseDialect, DatabaseSchema } from '../schema';
import * as m0001 from './0001-orders';
import * as m0002 from './0002-prod-shared-state';
import * as m0003 from './0003-payments';

/** Append only; names sort in the order they must run. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-orders': m0001,
  '0002-prod-shared-state': m0002,
  '0003-payments': m0003,
};

/** Arbitrary, fixed: the PostgreSQL advisory lock every instance of this service takes to migrate. */
const MIGRATION_LOCK_ID = 0x6d696e69; // "mini"

/**
 * Brings the schema up to date. On PostgreSQL, instances starting together take turns: a session
 * advisory lock (held on its own connection for the whole run) makes the second wait until the
 * first has finished, then find nothing left to do. SQLite has one process by design.
 */
export async function migrateToLatest(db: Kysely<DatabaseSchema>, dialect: DatabaseDialect): Promise<MigrationResult[]> {
  if (dialect !== 'postgres') return runMigrator(db, dialect);
  return db.connection().execute(async (lockConnection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`.execute(lockConnection);
    try {
      return await runMigrator(db, dialect);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`.execute(lockConnection);
    }
  });
}

async function runMigrator(db: Kysely<DatabaseSchema>, dialect: DatabaseDialect): Promise<MigrationResult[]> {
  // On PostgreSQL, name the schema: Kysely's "does the migration table exist" check otherwise
  // accepts a kysely_migration table in ANY schema of the database (another app's, another test's).
  let migrationTableSchema: string | undefined;
  if (dialect === 'postgres') {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema;
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'setup';
    throw new Error(`database migration ${failed} failed`, { cause: error });
  }
  return results ?? [];
}
