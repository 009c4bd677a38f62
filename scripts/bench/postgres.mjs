// A throwaway PostgreSQL cluster for the bench, with its durable defaults (fsync and synchronous_commit on), stopped by cleanup.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { onCleanup } from './cleanup.mjs';
import { PROJECT_ROOT } from './server.mjs';

const run = promisify(execFile);
const SCRIPT = join(PROJECT_ROOT, 'scripts/start-test-postgres.sh');

/**
 * `{ url, stop }`, or `{ unavailable: reason }` when no PostgreSQL is installed (the bench then says
 * so instead of failing). A DATABASE_URL from the caller (BENCH_DATABASE_URL) is used as given.
 */
export async function startBenchPostgres() {
  const given = process.env.BENCH_DATABASE_URL?.trim();
  if (given) return { url: given, stop: async () => {}, source: 'BENCH_DATABASE_URL' };
  let output;
  try {
    ({ stdout: output } = await run('bash', [SCRIPT], { env: { ...process.env, TEST_POSTGRES_DURABLE: '1' }, timeout: 60_000 }));
  } catch (err) {
    const reason = String(err.stderr || err.message).trim().split('\n')[0];
    return { unavailable: reason };
  }
  const value = (name) => output.split('\n').find((line) => line.startsWith(`${name}=`))?.slice(name.length + 1);
  const url = value('TEST_DATABASE_URL');
  const dir = value('TEST_POSTGRES_DIR');
  if (!url || !dir) return { unavailable: `start-test-postgres.sh printed no URL:\n${output}` };
  const stop = onCleanup(`PostgreSQL cluster ${dir}`, () => run('bash', [SCRIPT, 'stop', dir], { timeout: 60_000 }).then(() => undefined));
  return { url, stop, source: 'throwaway cluster (fsync, synchronous_commit and full_page_writes on)' };
}
