import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, SQLITE_FILE } from './database';
import { migrateToLatest, MIGRATIONS } from './migrations/migrations';
import pg from 'pg';
import { randomToken } from './secrets';
import { loadServerSecret } from './server-secret';
import { openTestDatabase, postgresSuitePlan } from './testing';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('SQLite', () => {
  it('opens DATA_DIR/orders.sqlite with WAL, synchronous=FULL and a busy timeout; migrations run once', async () => {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'orders-db-')), 'nested', 'data');
    cleanups.push(() => rm(path.dirname(path.dirname(dataDir)), { recursive: true, force: true }));
    const opened = openDatabase({ dataDir });
    cleanups.push(() => opened.close());
    expect(opened.dialect).toBe('sqlite');

    const pragma = async (name: string) => (await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(opened.db)).rows[0];
    expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(await pragma('synchronous')).toEqual({ synchronous: 2 }); // 2 = FULL
    expect(await pragma('busy_timeout')).toEqual({ timeout: 5000 });
    expect(await pragma('database_list')).toMatchObject({ file: path.join(dataDir, SQLITE_FILE) });

    const first = await migrateToLatest(opened.db, opened.dialect);
    expect(first.map((r) => [r.migrationName, r.status])).toEqual(Object.keys(MIGRATIONS).map((name) => [name, 'Success']));
    expect(await migrateToLatest(opened.db, opened.dialect)).toEqual([]);
  });
});

describe('SQLite files are the owner\'s only', () => {
  const mode = (file: string): number => statSync(file).mode & 0o777;

  it('creates the data directory 0700 and the database with its WAL and SHM files 0600, whatever the umask', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'orders-perm-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    const dataDir = path.join(root, 'data');
    const previous = process.umask(0o022);
    try {
      const opened = openDatabase({ dataDir });
      cleanups.push(() => opened.close());
      await migrateToLatest(opened.db, opened.dialect);
    } finally {
      process.umask(previous);
    }
    expect(mode(dataDir)).toBe(0o700);
    for (const file of [SQLITE_FILE, `${SQLITE_FILE}-wal`, `${SQLITE_FILE}-shm`]) expect(mode(path.join(dataDir, file)), file).toBe(0o600);
  });

  it('tightens a data directory and database file that an older version left readable to everyone', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'orders-perm-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    const dataDir = path.join(root, 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(path.join(dataDir, SQLITE_FILE), '');
    chmodSync(path.join(dataDir, SQLITE_FILE), 0o644);
    const opened = openDatabase({ dataDir });
    cleanups.push(() => opened.close());
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, SQLITE_FILE))).toBe(0o600);
  });
});

const plan = postgresSuitePlan();
describe.runIf(plan.run)('PostgreSQL', () => {
  it('opens through a pool in its own schema; migrations run once', async () => {
    const opened = await openTestDatabase('postgres');
    cleanups.push(() => opened.close());
    expect(opened.dialect).toBe('postgres');
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema() order by table_name`.execute(opened.db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['mail_outbox', 'orders']));
    expect(await migrateToLatest(opened.db, opened.dialect)).toEqual([]);
  });

  it('migrates a schema even when another schema of the database already has its migration table', async () => {
    const first = await openTestDatabase('postgres');
    cleanups.push(() => first.close());
    const second = await openTestDatabase('postgres');
    cleanups.push(() => second.close());
    await expect(second.db.selectFrom('orders').select('id').execute()).resolves.toEqual([]);
  });

  it('two instances starting at once on a fresh schema both migrate without error, and the schema is migrated once', async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const schema = `test_${randomToken().toLowerCase().replace(/[^a-z0-9]/g, '')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    cleanups.push(async () => {
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    });
    const instances = Array.from({ length: 4 }, () => openDatabase({ dataDir: '', databaseUrl: url, pgSchema: schema }));
    for (const instance of instances) cleanups.push(() => instance.close());
    const results = await Promise.all(instances.map((instance) => migrateToLatest(instance.db, instance.dialect)));
    // Exactly one instance ran each migration; the others found nothing left to do.
    expect(results.flat().map((r) => r.migrationName).sort()).toEqual(Object.keys(MIGRATIONS).sort());
    // And they agree on one server secret.
    const secrets = await Promise.all(instances.map((instance) => loadServerSecret(instance.db, undefined, new Date())));
    expect(new Set(secrets.map((secret) => secret.toString('hex'))).size).toBe(1);
  });
});
