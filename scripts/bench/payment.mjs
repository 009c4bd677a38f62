// Bench section "payment": runs payment-bench.ts under tsx (it drives the TypeScript Stripe stand-in) and returns its figures.
import { spawn } from 'node:child_process';
import { onCleanup } from './cleanup.mjs';
import { PROJECT_ROOT } from './server.mjs';

export function paymentLoad({ distDir, tableRows, deliveries, apiSeconds, apiConnections, log = () => {} }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/payment-bench.ts', distDir, String(tableRows), String(deliveries), String(apiSeconds), String(apiConnections)], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stop = onCleanup(`payment bench pid ${child.pid}`, () => child.kill('SIGTERM'));
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => {
      err += chunk;
      for (const line of String(chunk).split('\n')) if (line.trim()) log(line);
    });
    child.once('exit', (code) => {
      void stop();
      if (code !== 0) return reject(new Error(`payment bench exited ${code}: ${err.split('\n').slice(-5).join(' ')}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? ''));
      } catch {
        reject(new Error(`payment bench printed no result: ${out.slice(0, 300)}`));
      }
    });
  });
}
