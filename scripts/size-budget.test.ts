// Size budgets of DESIGN.md § Budgets on the production build, and what the precache must (not) hold.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIfNeeded } from './bench/build.mjs';
import { BUDGETS, KIB, bytesByKind, firstScreenJs, precacheSize, readPrecacheManifest, requiredPrecacheFiles, type PrecacheEntry } from './bench/sizes.mjs';

const DIST = 'dist';
const kib = (bytes: number) => `${(bytes / KIB).toFixed(1)} KiB`;

describe('production build sizes', () => {
  let manifest: PrecacheEntry[] = [];
  let urls = new Set<string>();

  beforeAll(() => {
    buildIfNeeded({ quiet: true });
    manifest = readPrecacheManifest(DIST);
    urls = new Set(manifest.map((entry) => entry.url.replace(/^\//, '')));
  }, 300_000);

  it(`loads at most ${kib(BUDGETS.firstScreenJsGzip)} of JS (gzip) before the home page is interactive`, () => {
    const js = firstScreenJs(DIST);
    const detail = js.files.map((f) => `${f.file} ${kib(f.gzip)}`).join(', ');
    expect(js.gzip, `first-screen JS is ${kib(js.gzip)} gzip: ${detail}`).toBeLessThanOrEqual(BUDGETS.firstScreenJsGzip);
  });

  it(`precaches at most ${kib(BUDGETS.precacheGzip)} as transferred (gzip)`, () => {
    const precache = precacheSize(DIST);
    expect(precache.missing, 'precache entries without a file in dist/').toEqual([]);
    const kinds = Object.entries(bytesByKind(precache.files)).map(([kind, bytes]) => `${kind} ${kib(bytes)}`);
    const largest = [...precache.files].sort((a, b) => b.bytes - a.bytes).slice(0, 5).map((f) => `${f.file} ${kib(f.bytes)}`);
    expect(precache.gzip, `precache is ${kib(precache.gzip)} gzip, ${kib(precache.bytes)} on disk (${kinds.join(', ')}); largest: ${largest.join(', ')}`).toBeLessThanOrEqual(BUDGETS.precacheGzip);
  });

  it('precaches every JS, CSS, HTML, icon and the web manifest', () => {
    const required = requiredPrecacheFiles(DIST);
    expect(required).toContain('index.html');
    expect(required).toContain('manifest.webmanifest');
    expect(required.some((f) => f.endsWith('.css'))).toBe(true);
    expect(required.some((f) => f.endsWith('.png'))).toBe(true);
    expect(required.some((f) => f.endsWith('.svg'))).toBe(true);
    expect(required.filter((file) => !urls.has(file))).toEqual([]);
  });

  it('precaches nothing under /api/ and no duplicates', () => {
    expect(manifest.filter((entry) => /^\/?api\//.test(entry.url) || entry.url.includes('/api/'))).toEqual([]);
    expect(urls.size).toBe(manifest.length);
  });
});
