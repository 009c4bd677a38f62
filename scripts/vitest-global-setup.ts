// Vitest global setup: a throwaway PostgreSQL for the server suites when none is given and Debian's postgresql is installed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

let clusterDir: string | undefined;

function postgresInstalled(): boolean {
  if (process.env.PG_BIN) return true;
  const root = '/usr/lib/postgresql';
  return existsSync(root) && readdirSync(root).some((version) => existsSync(`${root}/${version}/bin/initdb`));
}

export function setup(): void {
  if (process.env.TEST_DATABASE_URL) return;
  if (!postgresInstalled()) {
    console.warn('PostgreSQL suites: no TEST_DATABASE_URL and no Debian postgresql installed (apt-get install postgresql).');
    return;
  }
  const output = execFileSync('bash', ['scripts/start-test-postgres.sh'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  for (const line of output.split('\n')) {
    const [name, ...rest] = line.split('=');
    if (name === 'TEST_DATABASE_URL') process.env.TEST_DATABASE_URL = rest.join('=');
    if (name === 'TEST_POSTGRES_DIR') clusterDir = rest.join('=');
  }
}

export function teardown(): void {
  if (clusterDir) execFileSync('bash', ['scripts/start-test-postgres.sh', 'stop', clusterDir], { stdio: 'inherit' });
}
