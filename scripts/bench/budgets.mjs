// The budgets of DESIGN.md § Budgets, in one place for the bench and the size test.

/** 1 KB = 1024 bytes here, as in vite.config.ts (maximumFileSizeToCacheInBytes: 300 * 1024). */
export const KIB = 1024;

export const BUDGETS = Object.freeze({
  /** JS a page loads before it is interactive, gzip: home and every guide page (sizes.mjs, firstScreenJs). */
  firstScreenJsGzip: 35 * KIB,
  /**
   * Everything the service worker precaches, as transferred on the first visit (gzip; the server sends
   * brotli, which is smaller still). "First visit" budgets measure what crosses a bad network, as the
   * JS budget does; bytes on disk are reported beside it.
   */
  precacheGzip: 300 * KIB,
  /** Lighthouse mobile (default simulated throttling), 0–100. */
  lighthouse: Object.freeze({ performance: 100, accessibility: 100, 'best-practices': 100, seo: 100 }),
  /** …and two of its metrics on every measured page (median of the runs), ms. */
  lighthouseLcpMs: 1350,
  lighthouseTbtMs: 50,
  /** The home list with 200 cases: navigation start to 200 items in the DOM after a reload (median), ms. */
  homeList200Ms: 150,
  /** Offline repeat load: median FCP of the app / median FCP of a bare page from the same SW. */
  offlineFcpRatio: 1.2,
  /** Order service on SQLite (synchronous=FULL), 50 connections: POST /api/orders rate ÷ GET /api/health rate, same run. */
  ordersToHealthRatio: 0.25,
  /** …and the 99th percentile of POST /api/orders in that run. */
  ordersP99Ms: 50,
});
