// Size budgets of DESIGN.md § Budgets on the production build (first-screen JS of home and every guide page, the
// precache), and what the precache must (not) hold.
import { readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIfNeeded } from './bench/build.mjs';
import { BUDGETS, KIB, bytesByKind, firstScreenJs, firstScreenPages, moduleScriptSources, precacheSize, readPrecacheManifest, requiredPrecacheFiles, staticImports, type PrecacheEntry } from './bench/sizes.mjs';

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

  it.each(firstScreenPages(DIST))(`%s loads at most ${kib(BUDGETS.firstScreenJsGzip)} of JS (gzip) before it is interactive`, (html) => {
    const js = firstScreenJs(DIST, html);
    const detail = js.files.map((f) => `${f.file} ${kib(f.gzip)}`).join(', ');
    expect(js.gzip, `first-screen JS of ${html} is ${kib(js.gzip)} gzip: ${detail}`).toBeLessThanOrEqual(BUDGETS.firstScreenJsGzip);
  });

  it('budgets home and every guide page, and counts the start-up and the screen, not only the entry', () => {
    expect(firstScreenPages(DIST)).toEqual(['index.html', ...['f54-f60', 'f55-f57', 'r50-r53', 'r55-r59', 'r60-r61'].map((id) => `guide/${id}/index.html`)]);
    const home = firstScreenJs(DIST, 'index.html').files.map((f) => f.file);
    // The entry waits for the first paint and imports the start-up; hydration needs the route's screen.
    expect(home.some((file) => file.startsWith('assets/boot-')), `boot chunk among ${home.join(', ')}`).toBe(true);
    expect(home.some((file) => file.startsWith('assets/home-screen-')), `home screen among ${home.join(', ')}`).toBe(true);
    const guide = firstScreenJs(DIST, 'guide/r55-r59/index.html').files.map((f) => f.file);
    expect(guide.some((file) => file.startsWith('assets/guide-screen-')), `guide screen among ${guide.join(', ')}`).toBe(true);
  });

  it('loads no script before the first paint but the tiny entry: no modulepreload, one module script', () => {
    for (const html of firstScreenPages(DIST)) {
      const page = readFileSync(`${DIST}/${html}`, 'utf8');
      expect(page, html).not.toMatch(/rel="?modulepreload/);
      expect(moduleScriptSources(page), html).toHaveLength(1);
      expect(page, html).not.toMatch(/<script(?![^>]*type="module")(?![^>]*type="isodata")[^>]*>/);
      // The entry imports nothing itself (no chain of requests before the first paint): start-up comes by import().
      const [entry] = moduleScriptSources(page);
      expect(staticImports(readFileSync(`${DIST}/${String(entry).replace(/^\//, '')}`, 'utf8')), `${html}: ${entry} imports`).toEqual([]);
    }
  });

  it('ships no preload helper: nothing is preloaded, so no start-up or screen file waits on one more import', () => {
    const scripts = readdirSync(`${DIST}/assets`).filter((file) => file.endsWith('.js'));
    expect(scripts.filter((file) => file.startsWith('preload-helper'))).toEqual([]);
    for (const file of scripts) {
      expect(staticImports(readFileSync(`${DIST}/assets/${file}`, 'utf8')).filter((imported) => imported.includes('preload-helper')), file).toEqual([]);
    }
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
