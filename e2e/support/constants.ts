// Fixed values shared by the Playwright config and the specs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 4180);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';

let dataDir: string | undefined;
/** One throwaway database directory per test run. */
export function e2eDataDir(): string {
  dataDir ??= process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'radio-code-e2e-'));
  process.env.E2E_DATA_DIR = dataDir;
  return dataDir;
}
