// API throughput with autocannon on loopback: POST /api/orders (fresh Idempotency-Key per request), then GET /api/health;
// on the bench's SQLite server, and on a second server with PostgreSQL beside it.
//
// On its own:  node scripts/bench/api-load.mjs [seconds=20] [sqlite|postgres|both]   (own servers; JSON on stdout)
//              BENCH_API_PROFILE=<dir> writes a V8 CPU profile of each server there (open it in Chrome DevTools).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomInt, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { cleanupAll, installSignalHandlers, onCleanup, withTimeout } from './cleanup.mjs';
import { startBenchPostgres } from './postgres.mjs';
import { startRealServer } from './server.mjs';
import { round } from './stats.mjs';

/**
 * Every bench request comes from 127.0.0.1, and the order limiter allows one address 10 orders and
 * then 2 a minute (src/server/config.ts). Its documented switches lift that for the bench server: the
 * limiter still runs on every request, it just never trips. GET /api/health is not limited.
 */
export const API_SERVER_ENV = { RATE_LIMIT_ORDERS_BURST: '100000000', RATE_LIMIT_ORDERS_PER_MINUTE: '100000000' };
const ALPHANUMERIC = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
/** USER_HZ: what /proc/<pid>/stat counts CPU time in (100 on Linux everywhere that matters). */
const CLOCK_TICKS_PER_SECOND = 100;

function serial() {
  let out = 'BP';
  for (let i = 0; i < 12; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

function orderBody() {
  return JSON.stringify({ serial: serial(), email: 'bench@example.com', generation: 'r55-r59', locale: 'en' });
}

function orderRequest() {
  return {
    method: 'POST',
    path: '/api/orders',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: orderBody(),
  };
}

/** One real order first, so a contract mismatch shows up as a clear message instead of 20 s of 4xx. */
async function checkOrderContract(url) {
  const request = orderRequest();
  const response = await fetch(`${url}${request.path}`, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(10_000) });
  if (response.status !== 201) {
    const text = (await response.text()).slice(0, 500);
    throw new Error(`POST /api/orders answered ${response.status} (expected 201) to ${request.body}: ${text}`);
  }
}

function runAutocannon(options) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
    const stop = onCleanup(`autocannon ${options.title}`, () => instance.stop());
    instance.once('done', () => void stop());
  });
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux); undefined elsewhere. */
export function processCpuMs(pid) {
  try {
    // Fields after the command name (which may hold spaces, hence the last ')'): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Runs `work` and adds the server's CPU time per request (µs), a figure less at the mercy of other load than req/s. */
async function withServerCpu(pid, work) {
  const before = pid ? processCpuMs(pid) : undefined;
  const result = await work();
  const after = pid ? processCpuMs(pid) : undefined;
  const cpuMs = before !== undefined && after !== undefined ? after - before : undefined;
  return { result, serverCpuUsPerRequest: cpuMs !== undefined && result.requests.total ? round((cpuMs * 1000) / result.requests.total, 0) : null };
}

function summary({ result, serverCpuUsPerRequest }, seconds) {
  return {
    serverCpuUsPerRequest,
    requestsPerSecond: round(result.requests.average, 0),
    okPerSecond: round(result['2xx'] / seconds, 0),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    total: result.requests.total,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count])),
  };
}

/** `pid` (optional) is the server's, for its CPU time per request. */
export async function apiLoad({ baseUrl, pid, seconds = 20, connections = 50, log = () => {} }) {
  await checkOrderContract(baseUrl);
  const common = { url: baseUrl, connections, duration: seconds, timeout: 10 };
  const limit = (seconds + 30) * 1000;

  log(`  autocannon POST /api/orders, ${connections} connections, ${seconds} s`);
  const orders = await withServerCpu(pid, () =>
    withTimeout(
      runAutocannon({ ...common, title: 'orders', requests: [{ setupRequest: (request) => ({ ...request, ...orderRequest() }) }] }),
      limit,
      'autocannon POST /api/orders',
    ),
  );
  log(`  autocannon GET /api/health, ${connections} connections, ${seconds} s`);
  const health = await withServerCpu(pid, () =>
    withTimeout(runAutocannon({ ...common, title: 'health', requests: [{ method: 'GET', path: '/api/health' }] }), limit, 'autocannon GET /api/health'),
  );

  const o = summary(orders, seconds);
  const h = summary(health, seconds);
  return {
    seconds,
    connections,
    serverEnv: API_SERVER_ENV,
    orders: o,
    health: h,
    ordersToHealthRatio: h.requestsPerSecond ? round(o.requestsPerSecond / h.requestsPerSecond, 3) : null,
  };
}

/**
 * Node flags for CPU profiles of the server when BENCH_API_PROFILE names a directory (written on its clean exit,
 * one file per thread: the largest is the server's main thread, a small one tsx's loader thread), in a sub-directory per label.
 */
export function profileArgs(label) {
  const dir = process.env.BENCH_API_PROFILE?.trim();
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${join(resolvePath(dir), label)}`] : [];
}

/** Starts an API-only server (no dist/) on the given database, measures it, stops it. */
async function apiLoadOnOwnServer({ label, env, seconds, connections, log }) {
  const dataDir = mkdtempSync(join(tmpdir(), `api-load-${label}-`));
  const removeDir = onCleanup(`temp dir ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));
  try {
    const server = await startRealServer({ distDir: join(dataDir, 'no-dist'), dataDir, env: { ...API_SERVER_ENV, ...env }, nodeArgs: profileArgs(label) });
    try {
      log(`  ${label}: server ${server.url} (db: ${server.health?.db ?? '?'})`);
      return await apiLoad({ baseUrl: server.url, pid: server.pid, seconds, connections, log });
    } finally {
      await server.stop();
    }
  } finally {
    await removeDir();
  }
}

/** The same measurement on PostgreSQL (durable settings), or `{ unavailable }` when there is none. */
export async function apiLoadPostgres({ seconds = 20, connections = 50, log = () => {} }) {
  const postgres = await startBenchPostgres();
  if (postgres.unavailable) return { unavailable: postgres.unavailable };
  try {
    const result = await apiLoadOnOwnServer({ label: 'postgres', env: { DATABASE_URL: postgres.url }, seconds, connections, log });
    return { ...result, database: postgres.source };
  } finally {
    await postgres.stop();
  }
}

async function main() {
  installSignalHandlers();
  const seconds = Number(process.argv[2] ?? 20);
  const which = process.argv[3] ?? 'both';
  if (!(seconds >= 1 && seconds <= 600) || !['sqlite', 'postgres', 'both'].includes(which)) throw new Error('usage: api-load.mjs [seconds 1–600] [sqlite|postgres|both]');
  const log = (line) => process.stderr.write(`${line}\n`);
  const report = {};
  if (which !== 'postgres') report.sqlite = await apiLoadOnOwnServer({ label: 'sqlite', env: {}, seconds, connections: 50, log });
  if (which !== 'sqlite') report.postgres = await apiLoadPostgres({ seconds, connections: 50, log });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  await cleanupAll();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch(async (err) => {
    console.error(`api-load: ${err instanceof Error ? err.stack : err}`);
    await cleanupAll();
    process.exit(1);
  });
}
