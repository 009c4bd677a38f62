// `npm run codes:import -- file.csv`: imports staff's serial,code rows into the service's database, all or nothing.
import { readFile } from 'node:fs/promises';
import { parseCodeTable } from '../domain/code-table';
import { createCodeTableRepo } from './code-table-repo';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './database';
import { migrateToLatest } from './migrations/migrations';

export interface ImportOutcome {
  ok: boolean;
  /** Lines for the operator: a summary, or every problem by line number. */
  lines: string[];
}

/** Reads, checks and imports one file into the database the environment names (DATA_DIR or DATABASE_URL). */
export async function importCodeFile(file: string, env: Record<string, string | undefined> = process.env): Promise<ImportOutcome> {
  const config = loadConfig(env);
  const text = await readFile(file, 'utf8');
  // The CLI has no upload limit: a million rows is one transaction of ~500 inserts.
  const parsed = parseCodeTable(text, Number.POSITIVE_INFINITY);
  if (!parsed.ok) {
    return { ok: false, lines: [`${file}: nothing imported; ${parsed.problems.length} bad lines:`, ...parsed.problems.map((p) => `  line ${p.line}: ${p.code}`)] };
  }
  const database = openDatabase({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
  try {
    await migrateToLatest(database.db, database.dialect);
    const codes = createCodeTableRepo(database.db);
    const result = await codes.importRows(parsed.rows, new Date());
    if (!result.ok) {
      return {
        ok: false,
        lines: [`${file}: nothing imported; the table already holds other codes for:`, ...result.conflicts.map((c) => `  ${c.serial}: table ${c.existing}, file ${c.offered}`)],
      };
    }
    // Waiting orders are fulfilled now; the running server's mail sender picks their mails up on its next pass.
    const fulfilled = await codes.fulfilWaiting(new Date());
    return { ok: true, lines: [`${file}: ${result.added} new, ${result.unchanged} already known (${await codes.count()} in the table); ${fulfilled} waiting orders fulfilled`] };
  } finally {
    await database.close();
  }
}

if (process.argv[1]?.endsWith('code-table-cli.ts')) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run codes:import -- file.csv   (rows "serial,code"; DATA_DIR or DATABASE_URL as for the server)');
    process.exit(2);
  }
  importCodeFile(file)
    .then((outcome) => {
      for (const line of outcome.lines) (outcome.ok ? console.info : console.error)(line);
      process.exit(outcome.ok ? 0 : 1);
    })
    .catch((error: unknown) => {
      console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : `import failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
