// The list of migrations (static, so bundling or a missing folder cannot drop one) and the runner used at start.
import { Migrator, sql, type Kysely, type Migration, type MigrationResult } from 'kysely';
import type { DatabaseDialect, DatabaseSchema } from '../schema';
import * as m0001 from './0001-orders';
import * as m0002 from './0002-payments';

/** Append only; names sort in the order they must run. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-orders': m0001,
  '0002-payments': m0002,
};

export async function migrateToLatest(db: Kysely<DatabaseSchema>, dialect: DatabaseDialect): Promise<MigrationResult[]> {
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
