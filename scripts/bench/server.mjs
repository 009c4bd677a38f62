// Starts the real order service as built (dist-server/main.js) on a free loopback port with a temp DATA_DIR, and stops it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { onCleanup, onExitSync, sleep } from './cleanup.mjs';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_ENTRY = 'dist-server/main.js';
const HOST = '127.0.0.1';

export function serverEntryExists() {
  return existsSync(new URL(`../../${SERVER_ENTRY}`, import.meta.url));
}

/** A port nobody listens on right now (the server binds it a moment later; a lost race is retried). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Keeps the last lines of the child's output for error messages (the server may log every request). */
function tail(limit = 60) {
  const lines = [];
  return {
    push(chunk) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(line);
      if (lines.length > limit) lines.splice(0, lines.length - limit);
    },
    text: () => lines.join('\n'),
  };
}

async function waitForHealth(url, child, log, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${SERVER_ENTRY} exited (${child.exitCode ?? child.signalCode}) before it answered /api/health:\n${log.text()}`);
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return response.json().catch(() => ({}));
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${SERVER_ENTRY} did not answer /api/health within ${timeoutMs / 1000} s:\n${log.text()}`);
    await sleep(200);
  }
}

function stopChild(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill('SIGTERM');
  const hardKill = setTimeout(() => child.kill('SIGKILL'), 5_000);
  return exited.finally(() => clearTimeout(hardKill));
}

async function startOnce({ port, distDir, dataDir, env, nodeArgs, timeoutMs }) {
  const url = `http://${HOST}:${port}`;
  const childEnv = { ...process.env };
  // The bench measures the embedded default: no PostgreSQL, no mail, no admin routes.
  for (const name of ['DATABASE_URL', 'SMTP_URL', 'MAIL_FROM', 'ADMIN_TOKEN']) delete childEnv[name];
  Object.assign(childEnv, { PORT: String(port), HOST, DATA_DIR: dataDir, DIST_DIR: distDir }, env);
  const child = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', SERVER_ENTRY], { cwd: PROJECT_ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = tail();
  child.stdout.on('data', log.push);
  child.stderr.on('data', log.push);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.once('error', (err) => log.push(`spawn error: ${err.message}`));
  const forget = onExitSync(() => child.kill('SIGKILL'));
  const stop = onCleanup(`server pid ${child.pid}`, () => stopChild(child, exited).finally(forget));
  try {
    const health = await waitForHealth(url, child, log, timeoutMs);
    const alive = () => child.exitCode === null && child.signalCode === null;
    return { url, port, pid: child.pid, health, stop, alive, log: log.text };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Starts dist-server/main.js; retries on another port when the chosen one was taken in between.
 * `nodeArgs` go to node before the entry (e.g. ['--cpu-prof', '--cpu-prof-dir=…'] for a profile, written on SIGTERM's clean exit).
 */
export async function startRealServer({ distDir, dataDir, env = {}, nodeArgs = [], timeoutMs = 60_000 }) {
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await startOnce({ port, distDir, dataDir, env, nodeArgs, timeoutMs });
    } catch (err) {
      lastError = err;
      if (!/EADDRINUSE/.test(String(err.message))) throw err;
    }
  }
  throw lastError;
}
