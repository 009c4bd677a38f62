// Bench section "payment" (run by scripts/bench/payment.mjs under tsx): the real server with payment on against the
// local Stripe stand-in; time from a signed webhook to the code on the status endpoint with 1,000,000 codes in the
// table (median, p99), and POST /api/orders throughput with payment on.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCodeTableRepo } from '../../src/server/code-table-repo';
import { openDatabase } from '../../src/server/database';
import { migrateToLatest } from '../../src/server/migrations/migrations';
import { startStripeStandIn } from '../../src/server/payments/stripe-stand-in';
import { apiLoad, API_SERVER_ENV } from './api-load.mjs';
import { startRealServer } from './server.mjs';

const WEBHOOK_SECRET = 'whsec_benchstandin';
const ADMIN_TOKEN = 'bench-payment-admin-token-0123456789';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const serialOf = (i: number) => `BN${String(i).padStart(10, '0')}`;
const codeOf = (i: number) => String(1000 + (i % 9000));

export async function paymentBench(options: { distDir: string; tableRows: number; deliveries: number; apiSeconds: number; apiConnections: number; log: (line: string) => void }) {
  const work = mkdtempSync(join(tmpdir(), 'radio-code-payment-bench-'));
  const dataDir = join(work, 'data');
  mkdirSync(dataDir);
  try {
    // 1. The code table, filled before the server starts (as `npm run codes:import` would).
    const database = openDatabase({ dataDir });
    await migrateToLatest(database.db, database.dialect);
    const codes = createCodeTableRepo(database.db);
    const importStart = performance.now();
    const chunk = 100_000;
    for (let start = 0; start < options.tableRows; start += chunk) {
      const rows = Array.from({ length: Math.min(chunk, options.tableRows - start) }, (_, k) => ({ serial: serialOf(start + k), code: codeOf(start + k) }));
      const result = await codes.importRows(rows, new Date());
      if (!result.ok) throw new Error('code table import conflict');
    }
    const importSeconds = (performance.now() - importStart) / 1000;
    const tableCount = await codes.count();
    await database.close();
    options.log(`  code table: ${tableCount} rows imported in ${importSeconds.toFixed(1)} s`);

    // 2. The real server with payment on, Stripe's API answered by the stand-in.
    const standIn = await startStripeStandIn({ webhookSecret: WEBHOOK_SECRET });
    const env = {
      ...API_SERVER_ENV,
      RATE_LIMIT_READS_BURST: '100000000',
      RATE_LIMIT_READS_PER_MINUTE: '100000000',
      STRIPE_SECRET_KEY: 'sk_test_benchstandin',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: standIn.url,
      ADMIN_TOKEN,
    };
    const server = await startRealServer({ distDir: options.distDir, dataDir, env });
    standIn.webhookUrl = `${server.url}/api/payments/stripe`;
    try {
      // 3. Webhook → code on the status endpoint, one order at a time (serials spread over the whole table).
      const latencies: number[] = [];
      for (let n = 0; n < options.deliveries; n++) {
        const i = Math.floor((n * options.tableRows) / options.deliveries);
        const placed = await fetch(`${server.url}/api/orders`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
          body: JSON.stringify({ serial: serialOf(i), email: 'bench@example.com', generation: 'r55-r59', locale: 'en' }),
        });
        const receipt = (await placed.json()) as { id: string; token: string };
        const auth = { Authorization: `Bearer ${receipt.token}` };
        const checkout = (await (await fetch(`${server.url}/api/orders/${receipt.id}/checkout`, { method: 'POST', headers: auth })).json()) as { url: string };
        const event = standIn.completedEvent(checkout.url.split('/').pop()!);
        const t0 = performance.now();
        const status = await standIn.deliver(event);
        if (status !== 200) throw new Error(`webhook answered ${status}`);
        for (;;) {
          const report = (await (await fetch(`${server.url}/api/orders/${receipt.id}`, { headers: auth })).json()) as { status: string; code?: string };
          if (report.status === 'fulfilled') {
            if (report.code !== codeOf(i)) throw new Error(`order ${n}: code ${report.code}, expected ${codeOf(i)}`);
            break;
          }
          if (performance.now() - t0 > 10_000) throw new Error(`order ${n} not fulfilled 10 s after its webhook (${report.status})`);
        }
        latencies.push(performance.now() - t0);
      }
      latencies.sort((a, b) => a - b);
      const webhookToCode = {
        deliveries: latencies.length,
        medianMs: Math.round(percentile(latencies, 50) * 10) / 10,
        p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
        maxMs: Math.round((latencies.at(-1) ?? 0) * 10) / 10,
      };
      options.log(`  webhook → code: median ${webhookToCode.medianMs} ms, p99 ${webhookToCode.p99Ms} ms over ${latencies.length}`);

      // 4. Order throughput with payment on (the same autocannon run as the API section).
      const throughput = await apiLoad({ baseUrl: server.url, seconds: options.apiSeconds, connections: options.apiConnections, log: options.log });
      return { tableRows: tableCount, importSeconds: Math.round(importSeconds * 10) / 10, webhookToCode, throughput };
    } finally {
      await server.stop();
      await standIn.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('payment-bench.ts')) {
  const [distDir = 'dist', tableRows = '1000000', deliveries = '200', apiSeconds = '20', apiConnections = '50'] = process.argv.slice(2);
  paymentBench({
    distDir,
    tableRows: Number(tableRows),
    deliveries: Number(deliveries),
    apiSeconds: Number(apiSeconds),
    apiConnections: Number(apiConnections),
    log: (line) => process.stderr.write(`${line}\n`),
  })
    .then((result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`payment bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
