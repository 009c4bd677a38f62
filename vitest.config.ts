import { defineConfig } from 'vitest/config';

// Unit and integration tests live beside the code (x.ts + x.test.ts).
// Browser-facing modules get fake-indexeddb through the setup file; e2e lives in e2e/ under Playwright.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['./src/test-setup.ts'],
    globalSetup: ['./scripts/vitest-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
