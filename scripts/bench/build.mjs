// Makes sure dist/ is a build of the current sources (rebuilds with `vite build` when any input is newer).
import { execSync } from 'node:child_process';
import { ensureFreshBuild } from '../build-if-needed.mjs';

/**
 * Vitest sets NODE_ENV=test, and Vite builds in development mode (Preact devtools included) when
 * NODE_ENV is not "production": a build started from a test must not inherit that.
 */
function productionEnv() {
  const env = { ...process.env, NODE_ENV: 'production' };
  for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
  return env;
}

/**
 * Returns true when it had to build. Throws with the build's output tail when the build fails.
 * The build's own output goes to stderr (or nowhere when quiet), so stdout keeps only the bench table.
 */
export function buildIfNeeded({ quiet = false } = {}) {
  return ensureFreshBuild((command) => {
    try {
      execSync(command, { stdio: quiet ? 'pipe' : ['ignore', 2, 2], encoding: 'utf8', timeout: 300_000, env: productionEnv() });
    } catch (err) {
      const output = `${err.stdout ?? ''}${err.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
      throw new Error(`\`${command}\` failed (exit ${err.status ?? err.signal ?? '?'})${output ? `:\n${output}` : ''}`, { cause: err });
    }
  });
}
