import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, SQLITE_FILE } from './database';
import { migrateToLatest, MIGRATIONS } from './migrations/migrations';
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
});
