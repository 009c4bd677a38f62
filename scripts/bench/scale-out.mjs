// Order throughput on SQLite (one instance) beside PostgreSQL with one and with two instances, in one run on this machine.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { API_SERVER_ENV } from './api-load.mjs';
import { onCleanup, onExitSync, withTimeout } from './cleanup.mjs';
import { PROJECT_ROOT, startRealServer } from './server.mjs';
import { round } from './stats.mjs';

function orderRequest() {
  const serial = `BP${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;
  return {
    method: 'POST',
    path: '/api/orders',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ serial, email: 'bench@example.com', generation: 'r55-r59', locale: 'en' }),
  };
}

function runAutocannon(options) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
    const stop = onCleanup(`autocannon ${options.title}`, () => instance.stop());
    instance.once('done', () => void stop());
  });
}

/**
 * A PostgreSQL for the bench: BENCH_DATABASE_URL when given, otherwise a throwaway cluster from
 * scripts/start-test-postgres.sh started DURABLE (fsync and synchronous_commit on), so it is
 * compared fairly with SQLite's synchronous=FULL.
 */
function startPostgres(log) {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, durable: 'as configured', stop: () => {} };
  log('  starting a throwaway PostgreSQL (durable settings)');
  const output = execFileSync('bash', ['scripts/start-test-postgres.sh'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, TEST_POSTGRES_DURABLE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const value = (name) => output.split('\n').find((line) => line.startsWith(`${name}=`))?.slice(name.length + 1);
  const url = value('TEST_DATABASE_URL');
  const dir = value('TEST_POSTGRES_DIR');
  if (!url || !dir) throw new Error(`start-test-postgres.sh printed no URL:\n${output}`);
  const stop = () => execFileSync('bash', ['scripts/start-test-postgres.sh', 'stop', dir], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  onExitSync(stop);
  return { url, durable: 'fsync=on, synchronous_commit=on', stop };
}

/** A fresh database per configuration, so every run starts from an empty, freshly migrated schema. */
async function freshDatabase(baseUrl, name) {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.href;
}

/**
 * `connections` in total, split evenly over the instances, all for the same `seconds`. The p99 of two
 * instances together is reported as the higher of their two p99s: an upper bound (at most 1 % of either
 * share is slower, so at most 1 % of all requests are).
 */
async function measure(urls, seconds, connections) {
  const perInstance = Math.max(1, Math.floor(connections / urls.length));
  const results = await Promise.all(
    urls.map((url, i) =>
      withTimeout(
        runAutocannon({
          url,
          title: `scale ${i}`,
          connections: perInstance,
          duration: seconds,
          timeout: 10,
          requests: [{ setupRequest: (request) => ({ ...request, ...orderRequest() }) }],
        }),
        (seconds + 30) * 1000,
        'autocannon POST /api/orders',
      ),
    ),
  );
  const ok = results.reduce((sum, r) => sum + r['2xx'], 0);
  return {
    instances: urls.length,
    connections: perInstance * urls.length,
    seconds,
    ordersPerSecond: round(ok / seconds, 0),
    latencyP50Ms: Math.max(...results.map((r) => r.latency.p50)),
    latencyP99Ms: Math.max(...results.map((r) => r.latency.p99)),
    perInstanceP99Ms: results.map((r) => r.latency.p99),
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
  };
}

export async function scaleOutLoad({ distDir, seconds = 20, connections = 50, log = () => {} }) {
  const work = mkdtempSync(join(tmpdir(), 'radio-code-scale-'));
  onExitSync(() => rmSync(work, { recursive: true, force: true }));
  const postgres = startPostgres(log);
  const runs = {};
  try {
    // SQLite: the embedded default, one instance by design.
    const dataDir = join(work, 'sqlite');
    mkdirSync(dataDir);
    const server = await startRealServer({ distDir, dataDir, env: API_SERVER_ENV });
    log(`  SQLite, 1 instance, ${connections} connections, ${seconds} s`);
    runs.sqlite = await measure([server.url], seconds, connections).finally(() => server.stop());

    for (const instances of [1, 2]) {
      const databaseUrl = await freshDatabase(postgres.url, `bench_scale_${instances}`);
      const servers = [];
      try {
        for (let i = 0; i < instances; i += 1) {
          servers.push(await startRealServer({ distDir, dataDir: join(work, `pg-${instances}-${i}`), env: { ...API_SERVER_ENV, DATABASE_URL: databaseUrl } }));
        }
        log(`  PostgreSQL, ${instances} instance${instances > 1 ? 's' : ''}, ${connections} connections, ${seconds} s`);
        runs[`postgres${instances}`] = await measure(
          servers.map((s) => s.url),
          seconds,
          connections,
        );
      } finally {
        for (const s of servers) await s.stop();
      }
    }
  } finally {
    postgres.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return { seconds, connections, postgres: postgres.durable, runs };
}
