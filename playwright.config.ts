import { defineConfig } from '@playwright/test';
import { CHROMIUM_FLAGS, findChromium } from './scripts/chromium.mjs';
import { E2E_ADMIN_TOKEN, E2E_BASE_URL, E2E_PORT, e2eDataDir } from './e2e/support/constants';

// e2e runs against the production build served by the real server (src/server/main.ts).
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list'], ['html', { open: 'never' }]],
  globalSetup: './e2e/support/global-setup.ts',
  use: {
    baseURL: E2E_BASE_URL,
    serviceWorkers: 'allow',
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    viewport: { width: 390, height: 844 },
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_FLAGS },
    trace: 'retain-on-failure',
  },
  // Playwright starts the web server BEFORE globalSetup, and the server reads dist/ into memory when it starts:
  // build first (scripts/start.mjs builds if any source changed), or the run tests the previous build.
  webServer: {
    command: 'node scripts/start.mjs',
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      DATA_DIR: e2eDataDir(),
      ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      // Every spec orders from the same loopback address; production limits would turn later specs into 429s.
      RATE_LIMIT_ORDERS_BURST: '1000',
      RATE_LIMIT_READS_BURST: '10000',
    },
  },
});
