// Builds dist/ when it is missing or older than any input (src/, public/, index.html, configs, locales).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const INPUTS = ['src', 'public', 'index.html', 'manifest.webmanifest', 'vite.config.ts', 'package.json'];
const STAMP = 'dist/index.html';

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'server' && path === 'src') continue; // the server is not part of the build
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function buildIsFresh() {
  if (!existsSync(STAMP) || !existsSync('dist/service-worker.js')) return false;
  const built = statSync(STAMP).mtimeMs;
  return INPUTS.filter((p) => existsSync(p)).every((p) => newestMtime(p) <= built);
}

/** The production build, whatever NODE_ENV the caller runs under (Vitest sets "test", which makes Vite build for development). */
export const BUILD_COMMAND = 'NODE_ENV=production npx vite build';

export function ensureFreshBuild(run) {
  if (buildIsFresh()) return false;
  run(BUILD_COMMAND);
  return true;
}
