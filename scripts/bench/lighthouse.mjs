// Lighthouse (default mobile config, simulated throttling) against a page, N runs in fresh Chromium instances, medians.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS, findChromium } from '../chromium.mjs';
import { onCleanup, onExitSync, withTimeout } from './cleanup.mjs';
import { median, round } from './stats.mjs';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
export const METRICS = {
  fcp: 'first-contentful-paint',
  lcp: 'largest-contentful-paint',
  tbt: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
};

function chromeFlags() {
  const flags = [...CHROMIUM_FLAGS, '--headless=new'];
  if (process.getuid?.() === 0) flags.push('--no-sandbox'); // Chromium refuses to run as root with its sandbox
  return flags;
}

/**
 * What held a category back, for the diagnosis: audits that count towards it and scored below 1.
 * For performance that is the weighted metrics below 1 plus every audit that estimates savings on a
 * metric (render-blocking requests, unused JS…); unweighted insights without savings are left out.
 */
function failingAudits(lhr, category) {
  const out = [];
  for (const ref of lhr.categories[category].auditRefs) {
    const audit = lhr.audits[ref.id];
    if (!audit || audit.score === null || audit.score >= 1) continue;
    if (!['binary', 'numeric', 'metricSavings'].includes(audit.scoreDisplayMode)) continue;
    const savings = Object.fromEntries(Object.entries(audit.metricSavings ?? {}).filter(([, v]) => v > 0));
    const hasSavings = Object.keys(savings).length > 0;
    if (category === 'performance' && !(ref.weight > 0) && !hasSavings) continue;
    out.push({ id: ref.id, score: audit.score, title: audit.title, displayValue: audit.displayValue, ...(hasSavings ? { savings } : {}) });
  }
  return out;
}

async function runOnce(url) {
  const chrome = await chromeLauncher.launch({
    chromePath: findChromium(),
    chromeFlags: chromeFlags(),
    logLevel: 'silent',
    // chrome-launcher's own Ctrl-C handler exits the process at once; the bench's handler stops everything in order.
    handleSIGINT: false,
  });
  const forget = onExitSync(() => chrome.process?.kill('SIGKILL'));
  const kill = onCleanup(`lighthouse chromium pid ${chrome.pid}`, async () => {
    await chrome.kill();
    forget();
  });
  try {
    const result = await withTimeout(lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' }), 120_000, `Lighthouse on ${url}`);
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`Lighthouse returned no result for ${url}`);
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    const { formFactor, throttlingMethod, throttling } = lhr.configSettings;
    const run = {
      scores: {},
      metrics: {},
      failing: {},
      warnings: lhr.runWarnings ?? [],
      benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
      config: { formFactor, throttlingMethod, cpuSlowdownMultiplier: throttling?.cpuSlowdownMultiplier, rttMs: throttling?.rttMs },
    };
    for (const category of CATEGORIES) {
      const score = lhr.categories[category]?.score;
      run.scores[category] = score === null || score === undefined ? null : Math.round(score * 100);
      run.failing[category] = failingAudits(lhr, category);
    }
    for (const [key, id] of Object.entries(METRICS)) run.metrics[key] = lhr.audits[id]?.numericValue ?? null;
    return run;
  } finally {
    await kill();
  }
}

/** Lighthouse now and then fails to record a trace (NO_NAVSTART, PROTOCOL_TIMEOUT): such a run is repeated, twice at most. */
async function runWithRetries(url, log) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(url);
    } catch (err) {
      if (attempt >= 3) throw err;
      log(`    run failed (${err instanceof Error ? err.message.split('\n')[0] : err}); retrying`);
    }
  }
}

/** Median of `runs` Lighthouse runs of `url`: scores 0–100, FCP/LCP/TBT in ms, CLS unitless. */
export async function lighthousePage(url, { runs = 3, log = () => {} } = {}) {
  const all = [];
  for (let i = 0; i < runs; i++) {
    log(`  lighthouse ${new URL(url).pathname} run ${i + 1}/${runs}`);
    all.push(await runWithRetries(url, log));
  }
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(all.map((r) => r.scores[c]))]));
  const metrics = Object.fromEntries(Object.keys(METRICS).map((k) => [k, round(median(all.map((r) => r.metrics[k])), k === 'cls' ? 3 : 0)]));
  // Failing audits of every run, once each, so a flaky one is visible too.
  const failing = Object.fromEntries(
    CATEGORIES.map((c) => [c, [...new Map(all.flatMap((r) => r.failing[c]).map((a) => [a.id, a])).values()]]),
  );
  return {
    url,
    runs: all.length,
    scores,
    metrics,
    failing,
    benchmarkIndex: median(all.map((r) => r.benchmarkIndex)),
    config: all[0]?.config,
    warnings: [...new Set(all.flatMap((r) => r.warnings))],
    perRun: all.map((r) => ({ scores: r.scores, metrics: r.metrics })),
  };
}
