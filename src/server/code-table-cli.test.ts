// The CLI import: a real file into a real SQLite database in DATA_DIR; bad lines by number, atomic, conflicts refused.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importCodeFile } from './code-table-cli';
import { openDatabase } from './database';

let dir: string;
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run codes:import', () => {
  it('imports a file, reports every bad line of another, and refuses a conflicting code', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'codes-cli-'));
    const env = { DATA_DIR: path.join(dir, 'data') };
    const good = path.join(dir, 'good.csv');
    await writeFile(good, 'serial,code\nAP1234567890,1234\nCD 9876 5432 10,5678\n');
    expect(await importCodeFile(good, env)).toEqual({ ok: true, lines: [`${good}: 2 new, 0 already known (2 in the table); 0 waiting orders fulfilled`] });

    const bad = path.join(dir, 'bad.csv');
    await writeFile(bad, 'EF1111111111,1111\nxx,1\nEF2222222222\n');
    const badOutcome = await importCodeFile(bad, env);
    expect(badOutcome.ok).toBe(false);
    expect(badOutcome.lines.slice(1)).toEqual(['  line 2: serial.tooShort', '  line 3: row.columns']);

    const conflict = path.join(dir, 'conflict.csv');
    await writeFile(conflict, 'GH3333333333,3333\nAP1234567890,9999\n');
    expect((await importCodeFile(conflict, env)).lines[1]).toBe('  AP1234567890: table 1234, file 9999');

    const opened = openDatabase({ dataDir: env.DATA_DIR });
    const rows = await opened.db.selectFrom('code_table').select(['serial', 'code']).orderBy('serial').execute();
    await opened.close();
    expect(rows).toEqual([
      { serial: 'AP1234567890', code: '1234' },
      { serial: 'CD9876543210', code: '5678' },
    ]);
  });
});
