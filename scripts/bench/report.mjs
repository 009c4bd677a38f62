// Turns the bench results into rows (metric | value | budget | pass), a console table, Markdown and the method note.
import { BUDGETS } from './budgets.mjs';
import { formatKib, formatMs } from './stats.mjs';

const CATEGORY_TITLES = { performance: 'Performance', accessibility: 'Accessibility', 'best-practices': 'Best Practices', seo: 'SEO' };

const files = (list) => `${list.length} file${list.length === 1 ? '' : 's'}`;

function row(metric, value, budget = '—', pass = null) {
  return { metric, value, budget, pass };
}

/** A section that did not produce numbers: its rows say why instead. */
function missing(metric, outcome) {
  if (!outcome) return [row(metric, 'skipped (BENCH_ONLY)', '—', 'skipped')];
  if (outcome.error) return [row(metric, `error: ${outcome.error}`, '—', 'error')];
  return [row(metric, `n/a: ${outcome.reason}`, '—', 'n/a')];
}

function sizeRows(sizes) {
  if (!sizes?.ok) return missing('Sizes', sizes);
  const s = sizes.value;
  return [
    row(`First-screen JS, /, gzip (${files(s.firstScreenJs.files)})`, formatKib(s.firstScreenJs.gzip), `≤ ${formatKib(BUDGETS.firstScreenJsGzip)}`, s.firstScreenJs.gzip <= BUDGETS.firstScreenJsGzip),
    ...(s.firstScreenJsByPage
      ? [
          row(
            `First-screen JS, heaviest guide page ${s.firstScreenJsByPage.pages.filter((p) => p.route !== '/').reduce((w, p) => (p.gzip > w.gzip ? p : w)).route}, gzip (${files(s.firstScreenJsByPage.pages.filter((p) => p.route !== '/').reduce((w, p) => (p.gzip > w.gzip ? p : w)).files)})`,
            formatKib(Math.max(...s.firstScreenJsByPage.pages.filter((p) => p.route !== '/').map((p) => p.gzip))),
            `≤ ${formatKib(BUDGETS.firstScreenJsGzip)}`,
            s.firstScreenJsByPage.heaviest.gzip <= BUDGETS.firstScreenJsGzip,
          ),
        ]
      : []),
    row(`Total JS, gzip (${files(s.totalJs.files)})`, formatKib(s.totalJs.gzip)),
    row(`Total CSS, gzip (${files(s.totalCss.files)})`, formatKib(s.totalCss.gzip)),
    row(
      `Precache, transferred on first visit, gzip (${s.precache.count} entries)`,
      `${formatKib(s.precache.gzip)} (on disk ${formatKib(s.precache.bytes)})` + (s.precache.missing.length ? ` (${s.precache.missing.length} missing files!)` : ''),
      `≤ ${formatKib(BUDGETS.precacheGzip)}`,
      s.precache.gzip <= BUDGETS.precacheGzip && s.precache.missing.length === 0,
    ),
  ];
}

function lighthouseRows(lighthouse, pages) {
  if (!lighthouse?.ok) return missing('Lighthouse', lighthouse);
  const rows = [];
  for (const path of pages) {
    const page = lighthouse.value[path];
    if (!page) continue;
    for (const [category, title] of Object.entries(CATEGORY_TITLES)) {
      const score = page.scores[category];
      const budget = BUDGETS.lighthouse[category];
      rows.push(row(`Lighthouse ${path}: ${title} (median of ${page.runs})`, String(score ?? 'n/a'), budget === 100 ? '= 100' : `≥ ${budget}`, score !== null && score >= budget));
    }
    const m = page.metrics;
    // Lighthouse's own CPU benchmark: a low one means the CPU was contended and TBT (so Performance) is inflated.
    rows.push(
      row(
        `Lighthouse ${path}: FCP / LCP / TBT / CLS (CPU benchmark)`,
        `${formatMs(m.fcp)} / ${formatMs(m.lcp)} / ${formatMs(m.tbt)} / ${m.cls ?? 'n/a'} (${Math.round(page.benchmarkIndex ?? 0)})`,
      ),
      row(`Lighthouse ${path}: LCP (median of ${page.runs})`, formatMs(m.lcp), `≤ ${formatMs(BUDGETS.lighthouseLcpMs)}`, typeof m.lcp === 'number' && m.lcp <= BUDGETS.lighthouseLcpMs),
      row(`Lighthouse ${path}: TBT (median of ${page.runs})`, formatMs(m.tbt), `≤ ${formatMs(BUDGETS.lighthouseTbtMs)}`, typeof m.tbt === 'number' && m.tbt <= BUDGETS.lighthouseTbtMs),
    );
  }
  return rows;
}

function offlineRows(offline) {
  if (!offline?.ok) return missing('Offline repeat load', offline);
  const o = offline.value;
  return [
    row(`Offline reload FCP, / (median of ${o.reloads})`, formatMs(o.app.medianFcp)),
    row(`Offline reload FCP, bare static page (median of ${o.reloads})`, formatMs(o.static.medianFcp)),
    row('Offline reload FCP, / ÷ bare page', `${o.ratio}×`, `≤ ${BUDGETS.offlineFcpRatio}×`, o.ratio <= BUDGETS.offlineFcpRatio),
  ];
}

/** Server CPU per request beside the rates: the figure other load on the machine bends least. */
const apiLine = (s) =>
  `${s.requestsPerSecond} req/s, p50 ${s.latencyP50Ms} ms, p99 ${s.latencyP99Ms} ms` + (s.serverCpuUsPerRequest ? `, server CPU ${s.serverCpuUsPerRequest} µs/req` : '');
const apiFaults = (s) => `${s.errors} / ${s.non2xx}${s.non2xx ? ` (${Object.entries(s.statusCodes).filter(([c]) => !c.startsWith('2')).map(([c, n]) => `${n}× ${c}`).join(', ')})` : ''}`;
const noFaults = (s) => s.errors === 0 && s.non2xx === 0;

/** PostgreSQL beside SQLite: reported, not budgeted (the budget is the embedded default's). */
function postgresApiRows(postgres) {
  if (!postgres) return [];
  if (postgres.unavailable) return [row('PostgreSQL: POST /api/orders', `n/a: ${postgres.unavailable}`, '—', 'n/a')];
  return [
    row(`PostgreSQL: POST /api/orders (${postgres.connections} conn, ${postgres.seconds} s)`, apiLine(postgres.orders)),
    row('PostgreSQL: POST /api/orders errors / non-2xx', apiFaults(postgres.orders), '0 / 0 (sanity)', noFaults(postgres.orders)),
    row(`PostgreSQL: GET /api/health (${postgres.connections} conn, ${postgres.seconds} s)`, apiLine(postgres.health)),
    row('PostgreSQL: throughput orders ÷ health', String(postgres.ordersToHealthRatio)),
  ];
}

function apiRows(api) {
  if (!api?.ok) return missing('API throughput', api);
  const a = api.value;
  return [
    row(`POST /api/orders (${a.connections} conn, ${a.seconds} s)`, apiLine(a.orders), `p99 < ${BUDGETS.ordersP99Ms} ms`, a.orders.latencyP99Ms < BUDGETS.ordersP99Ms),
    row('POST /api/orders errors / non-2xx', apiFaults(a.orders), '0 / 0 (sanity)', noFaults(a.orders)),
    row(`GET /api/health (${a.connections} conn, ${a.seconds} s)`, apiLine(a.health)),
    row('GET /api/health errors / non-2xx', apiFaults(a.health), '0 / 0 (sanity)', noFaults(a.health)),
    row('Throughput orders ÷ health', String(a.ordersToHealthRatio), `≥ ${BUDGETS.ordersToHealthRatio}`, a.ordersToHealthRatio !== null && a.ordersToHealthRatio >= BUDGETS.ordersToHealthRatio),
    ...postgresApiRows(a.postgres),
  ];
}

function paymentRows(payment) {
  if (!payment?.ok) return missing('Payment', payment);
  const p = payment.value;
  const w = p.webhookToCode;
  const o = p.throughput.orders;
  return [
    row(`Payment: code table rows (import time)`, `${p.tableRows} (${p.importSeconds} s)`),
    row(`Payment: webhook → code on the status endpoint (${w.deliveries} orders)`, `median ${w.medianMs} ms, p99 ${w.p99Ms} ms, max ${w.maxMs} ms`),
    row(`Payment on: POST /api/orders (${p.throughput.connections} conn, ${p.throughput.seconds} s)`, `${o.requestsPerSecond} req/s, p50 ${o.latencyP50Ms} ms, p99 ${o.latencyP99Ms} ms`),
    row('Payment on: POST /api/orders errors / non-2xx', `${o.errors} / ${o.non2xx}`, '0 / 0 (sanity)', o.errors === 0 && o.non2xx === 0),
    row('Payment on: throughput orders ÷ health', String(p.throughput.ordersToHealthRatio)),
  ];
}

function loadRows(load) {
  if (!load?.ok) return missing('Mixed load', load);
  const l = load.value;
  const r = l.requests;
  const m = l.memory ?? {};
  const mem = m.startMiB !== undefined ? `${m.startMiB} / ${m.maxMiB} / ${m.endMiB} MiB` : JSON.stringify(m);
  return [
    row(`Mixed load: orders + status reads (${l.connections} conn, ${l.seconds} s)`, `${r.perSecond} req/s, p50 ${r.latencyP50Ms} ms, p99 ${r.latencyP99Ms} ms`),
    row('Mixed load errors / timeouts / non-2xx', `${r.errors} / ${r.timeouts} / ${r.non2xx}`, '0 / 0 / 0', r.errors === 0 && r.non2xx === 0),
    row('Mixed load: 201 answers vs rows in the database', `${l.orders.total201} vs ${l.database.rows ?? '?'} (lost ${l.database.lost ?? '?'}, extra ${l.database.extra ?? '?'})`, 'equal', l.database.ok === true),
    row('Mixed load: server memory start / max / end', mem),
  ];
}

function homeRows(home) {
  if (!home?.ok) return missing('Home list, 200 cases', home);
  const h = home.value;
  if (h.status !== 'ok') return [row('Home list: 200 cases in the DOM after reload', `n/a: ${h.reason}`, '—', 'n/a')];
  return [row(`Home list: ${h.count} cases in the DOM after reload (median of ${h.runs})`, formatMs(h.medianMs), `≤ ${formatMs(BUDGETS.homeList200Ms)}`, h.medianMs <= BUDGETS.homeList200Ms)];
}

function scaleRows(scale) {
  if (!scale?.ok) return missing('Orders: SQLite vs PostgreSQL ×1 / ×2', scale);
  const { runs, connections, seconds } = scale.value;
  const label = { sqlite: 'SQLite, 1 instance', postgres1: 'PostgreSQL, 1 instance', postgres2: 'PostgreSQL, 2 instances' };
  return Object.entries(label)
    .filter(([key]) => runs[key])
    .map(([key, name]) => {
      const r = runs[key];
      const faults = r.non2xx || r.errors ? `; ${r.non2xx} non-2xx, ${r.errors} errors` : '';
      return row(`POST /api/orders, ${name} (${connections} conn, ${seconds} s)`, `${r.ordersPerSecond} orders/s, p99 ${r.instances > 1 ? '≤ ' : ''}${formatMs(r.latencyP99Ms)}${faults}`);
    });
}

export function buildRows(results) {
  return [
    ...sizeRows(results.sizes),
    ...lighthouseRows(results.lighthouse, results.settings.lighthousePages),
    ...offlineRows(results.offline),
    ...apiRows(results.api),
    ...homeRows(results.homeList),
    ...(results.settings.sections.includes('load') ? loadRows(results.load) : []),
    ...(results.settings.sections.includes('scale') ? scaleRows(results.scale) : []),
    ...(results.settings.sections.includes('payment') ? paymentRows(results.payment) : []),
  ];
}

const passText = (pass) => (pass === true ? 'pass' : pass === false ? 'FAIL' : pass === null ? '—' : pass);

const clip = (text, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function consoleTable(rows) {
  const cells = [['metric', 'value', 'budget', 'pass'], ...rows.map((r) => [r.metric, clip(r.value), r.budget, passText(r.pass)])];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...cells.map((c) => c[i].length)));
  const line = (c) => c.map((text, i) => text.padEnd(widths[i])).join(' | ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.slice(1).map(line)].join('\n');
}

const escapeMd = (text) => String(text).replaceAll('|', '\\|');

export function markdownTable(rows) {
  return [
    '| metric | value | budget | pass |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${escapeMd(r.metric)} | ${escapeMd(r.value)} | ${escapeMd(r.budget)} | ${r.pass === false ? '**FAIL**' : passText(r.pass)} |`),
  ].join('\n');
}

/** For each Lighthouse category under budget: the audits that held it back (from every run). */
export function lighthouseNotes(results) {
  if (!results.lighthouse?.ok) return [];
  const notes = [];
  for (const [path, page] of Object.entries(results.lighthouse.value)) {
    for (const [category, title] of Object.entries(CATEGORY_TITLES)) {
      if (page.scores[category] !== null && page.scores[category] >= BUDGETS.lighthouse[category]) continue;
      const audits = page.failing[category]
        .map((a) => `${a.id} ${a.score}${a.displayValue ? ` (${a.displayValue})` : ''}${a.savings ? ` saves ${Object.entries(a.savings).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}` : ''}`)
        .join('; ');
      notes.push(`${title} ${path} = ${page.scores[category]}: ${audits || 'no failing audit reported'}`);
    }
  }
  return notes;
}

export function methodNote(results) {
  const { machine: m, settings: s, server } = results;
  const serverText = server
    ? `the real server as built (\`node dist-server/main.js\`, SQLite in a temp DATA_DIR, ${s.rateLimitNote})`
    : 'the real server (not started in this run: BENCH_ONLY)';
  return (
    `Measured on ${m.cpuModel} (${m.cores} cores, ${m.memory}), Node ${m.node}, ${m.chromium}, Lighthouse ${m.lighthouse}, ${m.date}; ` +
    `1-minute load average ${m.loadAverageAtStart[0]} at the start and ${m.loadAverageAtEnd?.[0] ?? '?'} at the end (other processes on the machine add noise to every timing)` +
    (m.cpuStealPercent === undefined ? '. ' : `; CPU steal ${m.cpuStealPercent}% of the busy time (/proc/stat: time this virtual machine's host gave to other guests, which slows every timing without showing in the load average). `) +
    `Sizes are read from dist/ (gzip level 9; 1 KiB = 1024 B): first-screen JS of a page is its module script, what that entry imports statically or with import() (the start-up it loads after the first paint), the chunk of the screen its route opens (hydration needs it) and, transitively, their static imports; later import() chunks (other screens, the service-worker code, background sync, the case list) are excluded; home and every guide page are budgeted; ` +
    `precache is the sum of the gzip sizes (and, beside it, the on-disk sizes) of the entries injected into dist/service-worker.js. ` +
    `Everything else runs against ${serverText}, on 127.0.0.1 with a copy of dist/ (DIST_DIR) whose service worker also precaches a bare <h1>Hello</h1> page. ` +
    `Lighthouse: default mobile config (simulated throttling), ${s.lighthouseRuns} runs per page in a fresh headless Chromium each, medians; the figure in brackets is Lighthouse's CPU benchmark index (about 1,900–2,200 on this machine when quiet; a lower one means a contended CPU, and contention inflates TBT and so the Performance score). ` +
    `Offline repeat load: Playwright/Chromium installs the worker from /, goes offline (context.setOffline), loads each page once, then reloads / and the bare page alternately ${s.offlineReloads} times each; FCP from the paint timeline, medians. ` +
    `Home list: ${s.homeListCases} cases (every diagnosis state, running and ended countdowns) are written into the app's IndexedDB from the page, then the time from navigation start to ${s.homeListCases} items in [data-testid="case-list"] is taken over ${s.homeListRuns} reloads, median. ` +
    `API: autocannon in the bench process, ${s.apiConnections} connections, ${s.apiSeconds} s POST /api/orders (fresh Idempotency-Key and serial per request), then ${s.apiSeconds} s GET /api/health; the server and autocannon share the ${m.cores} cores; the ratio orders ÷ health compares the two runs on the same server. The PostgreSQL lines repeat both runs on a second, API-only server whose DATABASE_URL points at a throwaway local cluster with PostgreSQL's durable defaults (fsync, synchronous_commit and full_page_writes on; BENCH_DATABASE_URL chooses another). ` +
    `Mixed load: its own server and SQLite database, ${s.loadConnections} connections for ${s.loadSeconds} s, order creation (fresh keys) mixed with status reads using the returned tokens; afterwards the rows in the database are compared with the 201 answers, and the server's RSS is sampled every second from /proc. ` +
    `Scale: the built server with the same raised order limit, ${s.scaleConnections} connections of autocannon POST /api/orders for ${s.scaleSeconds} s each on SQLite (one instance), then PostgreSQL ${results.scale?.value?.postgres ?? ''} (throwaway cluster on this machine, fresh database per run) with one instance, then two instances on one database sharing the connections evenly (rate limits and idempotency in PostgreSQL); the two-instance p99 is the higher of the two instances' p99s, an upper bound. All processes share the ${m.cores} cores. ` +
    `Timings vary from run to run; sizes do not (they are also asserted by scripts/size-budget.test.ts in npm test).`
  );
}

/** Where the size budgets go when they are exceeded. */
export function sizeNotes(results) {
  if (!results.sizes?.ok) return [];
  const s = results.sizes.value;
  const notes = [];
  if (s.precache.gzip > BUDGETS.precacheGzip) {
    notes.push(`Precache by kind: ${Object.entries(s.precache.byKind).map(([k, b]) => `${k} ${formatKib(b)}`).join(', ')}`);
  }
  for (const page of s.firstScreenJsByPage?.pages ?? [{ route: '/', ...s.firstScreenJs }]) {
    if (page.gzip <= BUDGETS.firstScreenJsGzip) continue;
    notes.push(`First-screen JS of ${page.route} by file (gzip): ${[...page.files].sort((a, b) => b.gzip - a.gzip).map((f) => `${f.file} ${formatKib(f.gzip)}`).join(', ')}`);
  }
  return notes;
}

export function markdownReport(results, rows) {
  const notes = [...sizeNotes(results), ...lighthouseNotes(results).map((n) => `Lighthouse ${n}`)];
  return [
    `<!-- written by npm run bench on ${results.machine.date}; figures in bench/results.json -->`,
    '',
    markdownTable(rows),
    '',
    ...(notes.length ? ['Over budget, and why:', '', ...notes.map((n) => `- ${escapeMd(n)}`), ''] : []),
    ...(results.errors.length ? ['The bench itself failed in:', '', ...results.errors.map((e) => `- ${e.section}: ${escapeMd(e.message.split('\n')[0])}`), ''] : []),
    `**Method.** ${methodNote(results)}`,
    '',
  ].join('\n');
}
