// `npm run bench`: build if needed, measure sizes, Lighthouse, offline repeat load, the 200-case home list and API throughput
// against the real server on loopback; print the table, write bench/results.{json,md}, stop everything it started.
//
// Environment (all optional):
//   BENCH_API_SECONDS=20        duration of each autocannon run (orders, then health)
//   BENCH_LIGHTHOUSE_RUNS=3     Lighthouse runs per page (the median is reported)
//   BENCH_LOAD_SECONDS=60       duration of the mixed order/status load (100 connections, its own server)
//   BENCH_SCALE_SECONDS=20      duration of each order run in the scale section (SQLite; PostgreSQL with 1 and 2 instances)
//   BENCH_ONLY=sizes,lighthouse,offline,home,api,load,scale,payment   run only these sections (for a quick look)
//   BENCH_DATABASE_URL=postgres://…   PostgreSQL for the API and scale sections (default: a throwaway durable cluster)
//   BENCH_API_PROFILE=<dir>    CPU profiles of the API servers (PostgreSQL line; `node scripts/bench/api-load.mjs` for both)
// Exit code: 0 when every section ran (even if a budget failed: the table says so), 1 when the bench broke.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiLoad, apiLoadPostgres, API_SERVER_ENV } from './bench/api-load.mjs';
import { LOAD_ADMIN_TOKEN, LOAD_SERVER_ENV, runLoad } from './bench/load.mjs';
import { openBrowser } from './bench/browser.mjs';
import { buildIfNeeded } from './bench/build.mjs';
import { cleanupAll, installSignalHandlers, onCleanup, onExitSync, wasAborted, withTimeout } from './bench/cleanup.mjs';
import { makeBenchDist, STATIC_PAGE_PATH } from './bench/dist-copy.mjs';
import { homeListLoad } from './bench/home-list.mjs';
import { lighthousePage } from './bench/lighthouse.mjs';
import { cpuTimes, loadAverage, machineInfo, stealPercent } from './bench/machine.mjs';
import { offlineRepeatLoad } from './bench/offline-load.mjs';
import { buildRows, consoleTable, lighthouseNotes, markdownReport, methodNote, sizeNotes } from './bench/report.mjs';
import { scaleOutLoad } from './bench/scale-out.mjs';
import { serverEntryExists, SERVER_ENTRY, startRealServer } from './bench/server.mjs';
import { readSettings } from './bench/settings.mjs';
import { measureSizes } from './bench/sizes.mjs';
import { paymentLoad } from './bench/payment.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const OUT_DIR = join(ROOT, 'bench');

const log = (message) => process.stderr.write(`${message}\n`);

/** Runs one section; its outcome is { ok, value } or { ok: false, error } (bench broke) or { ok: false, reason } (n/a). */
async function section(results, name, timeoutMs, work) {
  if (wasAborted()) throw new Error('interrupted');
  const started = Date.now();
  (results.loadAverageBySection ??= {})[name] = loadAverage();
  log(`bench: ${name}…`);
  try {
    const value = await withTimeout(Promise.resolve().then(work), timeoutMs, `section "${name}"`);
    log(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { ok: true, value };
  } catch (err) {
    let message = err instanceof Error ? err.message : String(err);
    const server = results.serverHandle;
    if (server && !server.alive()) message += `\n(the server had exited; its last output:\n${server.log()})`;
    log(`bench: ${name} FAILED: ${message}`);
    results.errors.push({ section: name, message });
    return { ok: false, error: message.split('\n')[0] };
  }
}

const notApplicable = (reason) => ({ ok: false, reason });

async function startServer(distDir, dataDir) {
  if (!serverEntryExists()) throw new Error(`${SERVER_ENTRY} not found: the browser and API sections need the real server`);
  return startRealServer({ distDir, dataDir, env: API_SERVER_ENV });
}

/** Whether the server serves the bench copy (DIST_DIR) rather than dist/ itself. */
async function servesBenchCopy(url) {
  try {
    const response = await fetch(`${url}${STATIC_PAGE_PATH}`, { signal: AbortSignal.timeout(5_000) });
    return response.ok && (await response.text()).includes('<h1>Hello</h1>');
  } catch {
    return false;
  }
}

async function run(results) {
  const { settings } = results;
  const wants = (name) => settings.sections.includes(name);

  log('bench: build (only if a source is newer than dist/)…');
  try {
    results.rebuilt = buildIfNeeded();
  } catch (err) {
    throw new Error(`the build failed, nothing to measure: ${err.message}`, { cause: err });
  }

  if (wants('sizes')) results.sizes = await section(results, 'sizes', 60_000, () => measureSizes(DIST));

  const needsServer = ['lighthouse', 'offline', 'home', 'api'].some(wants);
  if (needsServer) {
    const work = mkdtempSync(join(tmpdir(), 'radio-code-bench-'));
    const removeWork = () => rmSync(work, { recursive: true, force: true });
    onExitSync(removeWork);
    onCleanup(`temp dir ${work}`, removeWork);
    const benchDist = makeBenchDist(DIST, join(work, 'dist'));
    const dataDir = join(work, 'data');
    mkdirSync(dataDir);
    const server = await startServer(benchDist.dir, dataDir);
    Object.defineProperty(results, 'serverHandle', { value: server, enumerable: false }); // for error messages, not for the JSON
    const copyServed = await servesBenchCopy(server.url);
    results.server = { entry: SERVER_ENTRY, pid: server.pid, url: server.url, health: server.health, servesDistDir: copyServed };
    log(`bench: ${SERVER_ENTRY} on ${server.url}${copyServed ? '' : ' (it ignores DIST_DIR!)'}`);

    if (wants('lighthouse')) {
      const perPage = settings.lighthouseRuns * 150_000;
      results.lighthouse = await section(results, 'lighthouse', perPage * settings.lighthousePages.length, async () => {
        const pages = {};
        for (const path of settings.lighthousePages) pages[path] = await lighthousePage(`${server.url}${path}`, { runs: settings.lighthouseRuns, log });
        return pages;
      });
    }

    if (wants('offline') || wants('home')) {
      const { browser, close } = await withTimeout(openBrowser(), 90_000, 'opening Chromium');
      try {
        if (wants('offline')) {
          results.offline = copyServed
            ? await section(results, 'offline', 180_000, () =>
                offlineRepeatLoad(browser, { baseUrl: server.url, staticPath: STATIC_PAGE_PATH, reloads: settings.offlineReloads, log }),
              )
            : notApplicable(`the server ignores DIST_DIR, so the bare page cannot be added to the worker (${STATIC_PAGE_PATH} → not found)`);
        }
        if (wants('home')) {
          results.homeList = await section(results, 'home list', 180_000, () =>
            homeListLoad(browser, { baseUrl: server.url, count: settings.homeListCases, runs: settings.homeListRuns, log }),
          );
        }
      } finally {
        await close();
      }
    }

    if (wants('api')) {
      results.api = await section(results, 'api', settings.apiSeconds * 4_000 + 240_000, async () => {
        const sqlite = await apiLoad({ baseUrl: server.url, pid: server.pid, seconds: settings.apiSeconds, connections: settings.apiConnections, log });
        // The same two runs on PostgreSQL, beside it (its own server and throwaway cluster).
        const postgres = await apiLoadPostgres({ seconds: settings.apiSeconds, connections: settings.apiConnections, log });
        return { ...sqlite, postgres };
      });
    }
    await server.stop();
  }

  if (wants('payment')) {
    results.payment = await section(results, 'payment', settings.apiSeconds * 2_000 + 600_000, () =>
      paymentLoad({
        distDir: DIST,
        tableRows: settings.paymentTableRows,
        deliveries: settings.paymentDeliveries,
        apiSeconds: settings.apiSeconds,
        apiConnections: settings.apiConnections,
        log,
      }),
    );
  }

  if (wants('load')) {
    // Its own server and database: rows must equal the 201 answers of this run alone.
    const work = mkdtempSync(join(tmpdir(), 'radio-code-load-'));
    const removeWork = () => rmSync(work, { recursive: true, force: true });
    onExitSync(removeWork);
    onCleanup(`temp dir ${work}`, removeWork);
    const dataDir = join(work, 'data');
    mkdirSync(dataDir);
    const server = await startRealServer({ distDir: DIST, dataDir, env: LOAD_SERVER_ENV });
    results.load = await section(results, 'load', settings.loadSeconds * 1_000 + 180_000, () =>
      runLoad({ baseUrl: server.url, pid: server.pid, dataDir, adminToken: LOAD_ADMIN_TOKEN, seconds: settings.loadSeconds, connections: settings.loadConnections, log }),
    );
    await server.stop();
  }

  if (wants('scale')) {
    results.scale = await section(results, 'scale', settings.scaleSeconds * 3_000 + 240_000, () =>
      scaleOutLoad({ distDir: DIST, seconds: settings.scaleSeconds, connections: settings.scaleConnections, log }),
    );
  }
}

function report(results) {
  const rows = buildRows(results);
  results.rows = rows;
  results.budgetsFailed = rows.filter((r) => r.pass === false).map((r) => r.metric);
  results.methodNote = methodNote(results);
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(OUT_DIR, 'results.md'), markdownReport(results, rows));

  const m = results.machine;
  const out = [
    '',
    `Bench ${m.date} — ${m.cpuModel}, ${m.cores} cores, ${m.memory}, Node ${m.node}, ${m.chromium}`,
    `Load average (1/5/15 min): ${m.loadAverageAtStart.join(' ')} at start, ${m.loadAverageAtEnd.join(' ')} at end, on ${m.cores} cores` +
      (m.loadAverageAtStart[0] > m.cores ? ' — BUSY MACHINE at the start: other work competed with the timings; re-run on a quiet machine for README figures' : '') +
      (m.cpuStealPercent === undefined ? '' : `; CPU steal ${m.cpuStealPercent}% of busy time` + (m.cpuStealPercent > 5 ? ' — the VM host took CPU away: timings are slower than this machine is' : '')),
    `Server: ${results.server ? `${SERVER_ENTRY} at ${results.server.url}, health ${JSON.stringify(results.server.health)}` : 'not started'}`,
    '',
    consoleTable(rows),
    '',
    ...sizeNotes(results),
    ...lighthouseNotes(results).map((n) => `Lighthouse: ${n}`),
    results.budgetsFailed.length ? `Budgets failed: ${results.budgetsFailed.length} (see FAIL rows).` : 'All budgets met.',
    results.errors.length ? `The bench broke in: ${results.errors.map((e) => e.section).join(', ')}.` : '',
    '',
    `Method: ${results.methodNote}`,
    '',
    `Wrote bench/results.json and bench/results.md in ${results.durationSeconds} s.`,
    '',
  ];
  process.stdout.write(out.join('\n'));
}

installSignalHandlers();
let results;
try {
  results = { machine: machineInfo(), settings: readSettings(), server: null, errors: [] };
} catch (err) {
  log(`bench: ${err instanceof Error ? err.message : err}`);
  process.exit(2);
}
const startedAt = Date.now();
try {
  await run(results);
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  log(`bench: stopped early: ${message}`);
  results.errors.push({ section: 'bench', message });
} finally {
  await cleanupAll();
}
// Interrupted: the signal handler exits once the teardown is done; a half-run must not overwrite the last results.
if (wasAborted()) await new Promise(() => {});
results.durationSeconds = Math.round((Date.now() - startedAt) / 1000);
results.machine.loadAverageAtEnd = loadAverage();
results.machine.cpuStealPercent = stealPercent(results.machine.cpuTimesAtStart, cpuTimes());
try {
  report(results);
} catch (err) {
  log(`bench: could not write the report: ${err instanceof Error ? err.stack : err}`);
  process.exit(1);
}
process.exit(results.errors.length ? 1 : 0);
