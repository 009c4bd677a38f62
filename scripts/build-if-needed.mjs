// Builds dist/ (the app) and dist-server/ (the order service as JavaScript) when either is missing or older than any input.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const INPUTS = ['src', 'public', 'index.html', 'manifest.webmanifest', 'vite.config.ts', 'vite.server.config.ts', 'package.json'];
const OUTPUTS = ['dist/index.html', 'dist/service-worker.js', 'dist-server/main.js'];

/** Newest modification time under `path`; tests are not build inputs (editing one must not force a rebuild). */
function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function buildIsFresh() {
  if (!OUTPUTS.every((output) => existsSync(output))) return false;
  const built = Math.min(...OUTPUTS.map((output) => statSync(output).mtimeMs));
  return INPUTS.filter((p) => existsSync(p)).every((p) => newestMtime(p) <= built);
}

/**
 * The production build of both, whatever NODE_ENV the caller runs under (Vitest sets "test",
 * which makes Vite build for development).
 */
export const BUILD_COMMAND = 'NODE_ENV=production npm run --silent build';

export function ensureFreshBuild(run) {
  if (buildIsFresh()) return false;
  run(BUILD_COMMAND);
  return true;
}
