// Opens the database: SQLite file in DATA_DIR by default, PostgreSQL when DATABASE_URL is set; one Kysely either way.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseDialect, DatabaseSchema } from './schema';
import { openSqliteConnection } from './sqlite-connection';

export interface OpenedDatabase {
  db: Kysely<DatabaseSchema>;
  dialect: DatabaseDialect;
  /** SQLite only: the handle under `db` (its file name is what the order writer opens, see sqlite-order-writer.ts). */
  sqlite?: Sqlite.Database;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL only: the schema to work in (tests use a fresh one each). */
  pgSchema?: string;
  /** SQLite only: file name inside dataDir. */
  sqliteFile?: string;
}

export const SQLITE_FILE = 'orders.sqlite';

export function openDatabase(options: DatabaseOptions): OpenedDatabase {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.pgSchema) : openSqlite(options.dataDir, options.sqliteFile);
}

function openSqlite(dataDir: string, file = SQLITE_FILE): OpenedDatabase {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = openSqliteConnection(path.join(dataDir, file));
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    // Kysely's destroy closes the better-sqlite3 handle.
    close: () => db.destroy(),
  };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function openPostgres(connectionString: string, schema?: string): OpenedDatabase {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (error) => {
    console.error(`postgres: idle client error (${error.name}: ${error.message})`);
  });
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    close: () => db.destroy(),
  };
}
