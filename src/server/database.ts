// Opens the database: SQLite file in DATA_DIR by default, PostgreSQL when DATABASE_URL is set; one Kysely either way.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
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
  /** PostgreSQL only: the pool under Kysely, for the shared rate limiters. */
  pool?: pg.Pool;
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

/** Owner only: the directory 0700, the database and its -wal/-shm files 0600 (they hold e-mail addresses and codes). */
export const DATA_DIR_MODE = 0o700;
export const DATABASE_FILE_MODE = 0o600;

/**
 * Creates the data directory and the database file owner-only before SQLite opens it (SQLite
 * gives its -wal and -shm files the database file's mode), and tightens them if an older
 * version or another tool created them with the umask's wider permissions.
 */
function prepareSqliteFiles(dataDir: string, databaseFile: string): void {
  mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  chmodSync(dataDir, DATA_DIR_MODE);
  closeSync(openSync(databaseFile, 'a', DATABASE_FILE_MODE));
  for (const file of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) {
    if (existsSync(file)) chmodSync(file, DATABASE_FILE_MODE);
  }
}

function openSqlite(dataDir: string, file = SQLITE_FILE): OpenedDatabase {
  const databaseFile = path.join(dataDir, file);
  prepareSqliteFiles(dataDir, databaseFile);
  const sqlite = openSqliteConnection(databaseFile);
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
    pool,
    close: () => db.destroy(),
  };
}
