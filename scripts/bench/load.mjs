// Mixed load on the real order service (autocannon, loopback): order creation with unique keys and status reads with the
// tokens from the 201s; reports errors, non-2xx, 201 answers against the rows in the database (no lost or duplicated order)
// and the server's RSS sampled every second (start, max, end: is memory flat?).
//
// From the bench:   const server = await startRealServer({ distDir, dataDir, env: LOAD_SERVER_ENV });
//                   const load = await runLoad({ baseUrl: server.url, pid: server.pid, dataDir, adminToken: LOAD_ADMIN_TOKEN });
// On its own:       node scripts/bench/load.mjs [seconds=60] [connections=100]   (starts and stops its own server)
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { cleanupAll, installSignalHandlers, onCleanup, withTimeout } from './cleanup.mjs';

/** The admin token the load server gets (the admin list is one of the read-back checks). */
export const LOAD_ADMIN_TOKEN = 'load-test-admin-token-0123456789';

/**
 * Environment for the server under load: every request comes from 127.0.0.1, so the per-address
 * limits (10 orders, then 2 a minute) are lifted through the documented switches in src/server/config.ts.
 * The limiter still runs on every request; it just never trips.
 */
export const LOAD_SERVER_ENV = {
  ADMIN_TOKEN: LOAD_ADMIN_TOKEN,
  RATE_LIMIT_ORDERS_BURST: '100000000',
  RATE_LIMIT_ORDERS_PER_MINUTE: '100000000',
  RATE_LIMIT_READS_BURST: '100000000',
  RATE_LIMIT_READS_PER_MINUTE: '100000000',
};

/** Hard cap on requests, whatever the duration: the run stops itself beyond it. */
const MAX_REQUESTS = 5_000_000;
const ALPHANUMERIC = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const GENERATIONS = ['r50-r53', 'r55-r59', 'r60-r61', 'f55-f57', 'f54-f60'];
const LOCALES = ['en', 'de', 'fr', 'es', 'it', 'nl'];

const mib = (kib) => Math.round((kib / 1024) * 10) / 10;

function orderBody(n) {
  let serial = 'BP';
  for (let i = 0; i < 12; i++) serial += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return JSON.stringify({
    serial,
    email: `load-${n}@example.com`,
    generation: GENERATIONS[n % GENERATIONS.length],
    locale: LOCALES[n % LOCALES.length],
    caseLabel: `load ${n}`,
  });
}

/** VmRSS of a process in KiB, from /proc (Linux); undefined when it is gone or /proc is not there. */
export function readRssKib(pid) {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Samples RSS every second until stopped; `flat` compares the last quarter of the run with the second. */
function sampleMemory(pid) {
  if (!pid) return { stop: () => ({ available: false, reason: 'no server pid given' }) };
  const samples = [];
  const take = () => {
    const kib = readRssKib(pid);
    if (kib !== undefined) samples.push(kib);
  };
  take();
  const timer = setInterval(take, 1_000);
  return {
    stop() {
      clearInterval(timer);
      take();
      if (samples.length < 4) return { available: false, reason: `only ${samples.length} RSS samples (is /proc/${pid}/status readable?)` };
      const quarter = Math.max(1, Math.floor(samples.length / 4));
      const secondQuarterMax = Math.max(...samples.slice(quarter, 2 * quarter));
      const lastQuarterMax = Math.max(...samples.slice(-quarter));
      const lateGrowthKib = lastQuarterMax - secondQuarterMax;
      return {
        available: true,
        samples: samples.length,
        startMiB: mib(samples[0]),
        maxMiB: mib(Math.max(...samples)),
        endMiB: mib(samples.at(-1)),
        /** Growth between the second and the last quarter of the run (warm-up excluded). */
        lateGrowthMiB: mib(lateGrowthKib),
        flat: lateGrowthKib <= Math.max(16 * 1024, secondQuarterMax * 0.1),
        everySecondMiB: samples.map(mib),
      };
    },
  };
}

/** Rows in the SQLite file of DATA_DIR (read-only, beside the running server: WAL allows it). */
function sqliteRows(dataDir) {
  const db = new Database(join(dataDir, 'orders.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const complete = db.prepare("select id from orders where state = 'complete'").pluck().all();
    const pending = db.prepare("select count(*) from orders where state = 'pending'").pluck().get();
    const duplicateKeys = db.prepare('select count(*) from (select idempotency_key_hash from orders group by 1 having count(*) > 1)').pluck().get();
    return { source: `SQLite ${join(dataDir, 'orders.sqlite')}`, complete, pending, duplicateKeys };
  } finally {
    db.close();
  }
}

async function postgresRows(databaseUrl) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const complete = (await client.query("select id from orders where state = 'complete'")).rows.map((r) => r.id);
    const pending = Number((await client.query("select count(*) as n from orders where state = 'pending'")).rows[0].n);
    const duplicateKeys = Number((await client.query('select count(*) as n from (select idempotency_key_hash from orders group by 1 having count(*) > 1) d')).rows[0].n);
    return { source: 'PostgreSQL', complete, pending, duplicateKeys };
  } finally {
    await client.end();
  }
}

/** Without database access: every 201 must be readable with its token (proves none lost, not that none is extra). */
async function readBackEach(baseUrl, created, concurrency = 20) {
  let missing = 0;
  let next = 0;
  const worker = async () => {
    while (next < created.length) {
      const order = created[next++];
      const response = await fetch(`${baseUrl}/api/orders/${order.id}`, { headers: { Authorization: `Bearer ${order.token}` }, signal: AbortSignal.timeout(10_000) });
      if (response.status !== 200) missing++;
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { source: 'GET /api/orders/:id for every 201', missing };
}

/** Retries each cut-off request with its key and body until it is answered (409 while the first attempt finishes). */
async function retryCutOff(baseUrl, cutOff) {
  const orders = [];
  const statusCodes = {};
  for (const [key, body] of cutOff) {
    const deadline = Date.now() + 10_000;
    for (let attempt = 0; attempt < 50; attempt++) {
      const response = await fetch(`${baseUrl}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      statusCodes[response.status] = (statusCodes[response.status] ?? 0) + 1;
      if (response.status === 201) {
        const receipt = await response.json();
        orders.push({ id: receipt.id, token: receipt.token });
        break;
      }
      await response.arrayBuffer();
      if (response.status !== 409 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
    }
  }
  return { orders, statusCodes };
}

/** The admin list (oldest first, at most 500): the first page must be orders this run created. */
async function adminSpotCheck(baseUrl, adminToken, createdIds) {
  const response = await fetch(`${baseUrl}/api/admin/orders?limit=500`, { headers: { Authorization: `Bearer ${adminToken}` }, signal: AbortSignal.timeout(10_000) });
  if (response.status !== 200) return { ok: false, status: response.status };
  const { orders } = await response.json();
  const foreign = orders.filter((order) => !createdIds.has(order.id)).length;
  return { ok: foreign === 0, listed: orders.length, notFromThisRun: foreign };
}

function runAutocannon(options) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
    const stop = onCleanup(`autocannon ${options.title}`, () => instance.stop());
    instance.once('done', () => void stop());
    options.onInstance?.(instance);
  });
}

/**
 * Runs the mixed load and checks the outcome. `pid` (for memory) and `dataDir` or `databaseUrl` (for
 * the row count) are optional; without them the report says what it could not measure.
 */
export async function runLoad({ baseUrl, seconds = 60, connections = 100, adminToken, pid, dataDir, databaseUrl, readsPerOrder = 1, log = () => {} }) {
  const created = [];
  const createdIds = new Set();
  const postStatus = {};
  const readStatus = {};
  let orderNumber = 0;
  let responses = 0;
  let instance;
  const count = (table, status) => (table[status] = (table[status] ?? 0) + 1);
  const guard = () => {
    if (++responses > MAX_REQUESTS) instance?.stop();
  };

  /** POSTs sent whose answer has not arrived (key → body): the ones cut off when the run stops. */
  const outstanding = new Map();
  const post = {
    method: 'POST',
    path: '/api/orders',
    setupRequest: (request, context) => {
      const key = randomUUID();
      const body = orderBody(orderNumber++);
      outstanding.set(key, body);
      context.postKey = key;
      return { ...request, headers: { 'content-type': 'application/json', 'idempotency-key': key }, body };
    },
    onResponse: (status, body, context) => {
      guard();
      outstanding.delete(context.postKey);
      count(postStatus, status);
      if (status !== 201) return;
      try {
        const receipt = JSON.parse(body);
        created.push({ id: receipt.id, token: receipt.token });
        createdIds.add(receipt.id);
        context.order = receipt;
      } catch {
        count(postStatus, '201-unparseable');
      }
    },
  };
  const read = {
    method: 'GET',
    setupRequest: (request, context) => {
      // The device polls its own order; a connection whose last POST failed reads someone else's.
      const order = context.order ?? created[randomInt(Math.max(1, created.length))];
      if (!order) return { ...request, path: '/api/health', headers: {} };
      return { ...request, path: `/api/orders/${order.id}`, headers: { authorization: `Bearer ${order.token}` } };
    },
    onResponse: (status) => {
      guard();
      count(readStatus, status);
    },
  };

  const memory = sampleMemory(pid);
  log(`  load: ${connections} connections, ${seconds} s, POST /api/orders + ${readsPerOrder}× GET /api/orders/:id`);
  const result = await withTimeout(
    runAutocannon({
      title: 'mixed orders',
      url: baseUrl,
      connections,
      duration: seconds,
      timeout: 10,
      requests: [post, ...Array.from({ length: readsPerOrder }, () => read)],
      onInstance: (i) => (instance = i),
    }),
    (seconds + 60) * 1000,
    'autocannon mixed load',
  );
  // A few quiet seconds after the load, so "end" shows whether memory comes back down.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const mem = memory.stop();

  // Requests cut off by the end of the run may have been stored: the client retries them with the same
  // key (as the app does) and so learns their ids. Then every row must be an answered order.
  const cutOff = [...outstanding];
  const recovered = await retryCutOff(baseUrl, cutOff);
  for (const order of recovered.orders) {
    created.push(order);
    createdIds.add(order.id);
  }

  log('  load: reading the orders back');
  let rows;
  if (dataDir) rows = sqliteRows(dataDir);
  else if (databaseUrl) rows = await postgresRows(databaseUrl);
  let database;
  if (rows) {
    const inDb = new Set(rows.complete);
    const lost = created.filter((order) => !inDb.has(order.id)).length;
    const extra = rows.complete.filter((id) => !createdIds.has(id)).length;
    database = {
      source: rows.source,
      rows: rows.complete.length,
      pendingRows: rows.pending,
      duplicateKeys: rows.duplicateKeys,
      lost,
      extra,
      ok: lost === 0 && extra === 0 && rows.duplicateKeys === 0 && rows.pending === 0,
    };
  } else {
    const readBack = await readBackEach(baseUrl, created);
    database = { ...readBack, ok: readBack.missing === 0 };
  }
  const admin = adminToken ? await adminSpotCheck(baseUrl, adminToken, createdIds) : { ok: null, reason: 'no adminToken given' };

  const reads = Object.entries(readStatus).reduce((n, [status, c]) => n + (status === '200' ? 0 : c), 0);
  return {
    seconds,
    connections,
    readsPerOrder,
    requests: {
      total: result.requests.total,
      perSecond: Math.round(result.requests.average),
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      latencyMaxMs: result.latency.max,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
    },
    orders: {
      answered201: created.length - recovered.orders.length,
      perSecond: Math.round((created.length - recovered.orders.length) / seconds),
      statusCodes: postStatus,
      cutOffAtEnd: cutOff.length,
      cutOffRetried: recovered.statusCodes,
      /** 201s during the run plus the cut-off requests answered 201 on retry: must equal the rows. */
      total201: created.length,
    },
    statusReads: { statusCodes: readStatus, non200: reads },
    database,
    adminList: admin,
    memory: mem,
    ok: result.errors === 0 && result.non2xx === 0 && database.ok && reads === 0 && admin.ok !== false,
  };
}

/** `node scripts/bench/load.mjs [seconds] [connections]`: own server on a temp DATA_DIR, one run, JSON on stdout. */
async function main() {
  const { startRealServer } = await import('./server.mjs');
  installSignalHandlers();
  const seconds = Number(process.argv[2] ?? 60);
  const connections = Number(process.argv[3] ?? 100);
  if (!(seconds >= 1 && seconds <= 600) || !(connections >= 1 && connections <= 1000)) throw new Error('usage: load.mjs [seconds 1–600] [connections 1–1000]');
  const dataDir = mkdtempSync(join(tmpdir(), 'orders-load-'));
  onCleanup(`temp dir ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));
  const log = (line) => process.stderr.write(`${line}\n`);
  // API only: the load is on the order service, not on dist/.
  const server = await startRealServer({ distDir: join(dataDir, 'no-dist'), dataDir, env: LOAD_SERVER_ENV });
  log(`load: server pid ${server.pid} at ${server.url} (db: ${server.health?.db ?? '?'})`);
  try {
    const report = await runLoad({ baseUrl: server.url, seconds, connections, adminToken: LOAD_ADMIN_TOKEN, pid: server.pid, dataDir, log });
    const { everySecondMiB, ...memory } = report.memory;
    process.stdout.write(`${JSON.stringify({ ...report, memory: { ...memory, everySecondMiB } }, null, 2)}\n`);
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    await server.stop();
    await cleanupAll();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch(async (err) => {
    console.error(`load: ${err instanceof Error ? err.stack : err}`);
    await cleanupAll();
    process.exit(1);
  });
}
