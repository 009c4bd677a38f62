// What a bench run measures and for how long: fixed by the brief, a few knobs from the environment.

export const SECTIONS = ['sizes', 'lighthouse', 'offline', 'home', 'api', 'load', 'scale', 'payment'];

function positiveInt(name, fallback) {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`${name} must be a whole number ≥ 1 (got "${raw}")`);
  return Number(raw);
}

export function readSettings() {
  const only = process.env.BENCH_ONLY?.trim();
  const sections = only ? only.split(',').map((s) => s.trim()).filter(Boolean) : SECTIONS;
  const unknown = sections.filter((s) => !SECTIONS.includes(s));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
  return {
    sections,
    apiSeconds: positiveInt('BENCH_API_SECONDS', 20),
    apiConnections: 50,
    loadSeconds: positiveInt('BENCH_LOAD_SECONDS', 60),
    loadConnections: 100,
    scaleSeconds: positiveInt('BENCH_SCALE_SECONDS', 20),
    scaleConnections: 50,
    lighthouseRuns: positiveInt('BENCH_LIGHTHOUSE_RUNS', 3),
    lighthousePages: ['/', '/guide/r55-r59'],
    offlineReloads: 10,
    homeListCases: 200,
    homeListRuns: 5,
    paymentTableRows: positiveInt('BENCH_PAYMENT_TABLE_ROWS', 1_000_000),
    paymentDeliveries: positiveInt('BENCH_PAYMENT_DELIVERIES', 200),
    rateLimitNote: 'order rate limit raised with RATE_LIMIT_ORDERS_BURST/PER_MINUTE=100000000',
  };
}

