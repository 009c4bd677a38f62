// Production-install smoke test (run by .ci/run): a built tree in a temp copy, `npm ci --omit=dev`, `node dist-server/main.js`, health, one order, clean stop.
//
// Usage: node scripts/production-smoke.mjs      (builds first if dist/ or dist-server/ is stale)
// Exit code 0 when the production install starts and serves; 1 with the reason otherwise.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFreshBuild } from './build-if-needed.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const log = (line) => process.stderr.write(`production-smoke: ${line}\n`);

function fail(message) {
  log(`FAILED: ${message}`);
  process.exitCode = 1;
}

/** Every package the server bundle imports must be a runtime dependency, or `npm ci --omit=dev` leaves it out. */
function checkImports(serverBundle, dependencies) {
  const imported = new Set();
  for (const match of readFileSync(serverBundle, 'utf8').matchAll(/^import\s.*?from\s+"([^"]+)";?$/gm)) {
    const specifier = match[1];
    if (specifier.startsWith('node:') || specifier.startsWith('.')) continue;
    imported.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
  }
  const missing = [...imported].filter((name) => !(name in dependencies));
  if (missing.length > 0) throw new Error(`dist-server/main.js imports packages that are not runtime dependencies: ${missing.join(', ')}`);
  return [...imported].sort();
}

async function waitForStartLine(child, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /order service on (http:\/\/\S+) /.exec(output());
    if (match) return match[1];
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no start-up line within ${timeoutMs / 1000} s:\n${output()}`);
}

async function expectStatus(response, status, what) {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${await response.text()}`);
  return response;
}

async function run(work) {
  process.chdir(ROOT);
  if (ensureFreshBuild((command) => execFileSync('sh', ['-c', command], { stdio: ['ignore', 2, 2] }))) log('built dist/ and dist-server/');
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const imports = checkImports('dist-server/main.js', pkg.dependencies ?? {});
  log(`server bundle imports ${imports.join(', ')}`);

  // The built tree as a deployment gets it: manifests and build output, no sources, no dev tools.
  for (const entry of ['package.json', 'package-lock.json', 'dist', 'dist-server']) cpSync(entry, join(work, entry), { recursive: true });
  log(`npm ci --omit=dev in ${work} …`);
  const started = Date.now();
  execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: work, stdio: ['ignore', 2, 2], timeout: 45 * 60_000 });
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
  for (const devOnly of ['vite', 'tsx', 'vitest']) {
    try {
      statSync(join(work, 'node_modules', devOnly));
      throw new Error(`${devOnly} was installed by npm ci --omit=dev`);
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }

  const child = spawn(process.execPath, ['dist-server/main.js'], {
    cwd: work,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(work, 'data'), ADMIN_TOKEN: 'production-smoke-admin-token' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await waitForStartLine(child, () => output, 30_000);
    const health = await (await expectStatus(await fetch(`${url}/api/health`), 200, 'GET /api/health')).json();
    if (health.ok !== true || health.db !== 'sqlite') throw new Error(`unexpected health answer ${JSON.stringify(health)}`);
    await expectStatus(await fetch(`${url}/api/ready`), 200, 'GET /api/ready');
    const page = await expectStatus(await fetch(`${url}/`), 200, 'GET / (the built app)');
    if (!(await page.text()).includes('<html')) throw new Error('GET / did not serve the app shell');

    const created = await expectStatus(
      await fetch(`${url}/api/orders`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({ serial: 'BP123456789012', email: 'smoke@example.com', generation: 'r55-r59', locale: 'en' }),
      }),
      201,
      'POST /api/orders',
    );
    const receipt = await created.json();
    const status = await (await expectStatus(await fetch(`${url}/api/orders/${receipt.id}`, { headers: { Authorization: `Bearer ${receipt.token}` } }), 200, 'GET /api/orders/:id')).json();
    if (status.status !== 'received') throw new Error(`unexpected order status ${JSON.stringify(status)}`);
    log(`served ${url}: health, ready, app shell, one order (${status.status})`);
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
  const code = await exited;
  if (code !== 0) throw new Error(`the server did not stop cleanly on SIGTERM (exit ${code}):\n${output}`);
  log('stopped cleanly on SIGTERM');
}

const work = mkdtempSync(join(tmpdir(), 'production-smoke-'));
try {
  await run(work);
  log('OK');
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  rmSync(work, { recursive: true, force: true });
}
