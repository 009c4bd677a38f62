// Deterministic size figures of the built app: first-screen JS, all JS/CSS, and the precache (bench + size-budget test).
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { gzipSync, constants as zlib } from 'node:zlib';
import { parseAst } from 'vite';
import { findPrecacheManifest, manifestPath } from './precache-manifest.mjs';

export { BUDGETS, KIB } from './budgets.mjs';

/** Gzip at level 9, what a precompressing server or CDN would send. */
export function gzipSize(bytes) {
  return gzipSync(bytes, { level: zlib.Z_BEST_COMPRESSION }).length;
}

/** Every file under dir, as posix paths relative to it, sorted. */
export function listFiles(dir) {
  const out = [];
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

function fileFigures(distDir, file) {
  const bytes = readFileSync(join(distDir, file));
  return { file, bytes: bytes.length, gzip: gzipSize(bytes) };
}

function summed(files) {
  return {
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzip: files.reduce((sum, f) => sum + f.gzip, 0),
  };
}

/** `src` of every `<script type="module" src=…>` in an HTML document. */
export function moduleScriptSources(html) {
  const sources = [];
  for (const [, attributes] of html.matchAll(/<script\b([^>]*)>/gi)) {
    const attr = (name) => new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attributes);
    const type = attr('type');
    const src = attr('src');
    if (type && (type[1] ?? type[2] ?? type[3]) === 'module' && src) sources.push(src[1] ?? src[2] ?? src[3]);
  }
  return sources;
}

/**
 * Specifiers of the static imports and re-exports of an ES module (`import … from`, `import "…"`,
 * `export … from`). Dynamic `import()` is deliberately left out: it loads on demand, not up front.
 */
export function staticImports(code) {
  const ast = parseAst(code);
  const specifiers = [];
  for (const node of ast.body) {
    if ((node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') && node.source) {
      specifiers.push(String(node.source.value));
    }
  }
  return specifiers;
}

/** A URL path on the site ("/assets/x.js") to a file in dist ("assets/x.js"). */
function sitePathToFile(sitePath) {
  return decodeURIComponent(sitePath.replace(/^\//, ''));
}

/**
 * The JS the page at `htmlFile` loads before interaction: its module scripts and, transitively,
 * their static imports through the emitted chunks.
 */
export function firstScreenJs(distDir, htmlFile = 'index.html') {
  const html = readFileSync(join(distDir, htmlFile), 'utf8');
  const pageUrl = new URL(`/${htmlFile}`, 'https://site.invalid');
  const queue = moduleScriptSources(html).map((src) => new URL(src, pageUrl));
  if (queue.length === 0) throw new Error(`${htmlFile} has no <script type="module" src=…>`);
  const seen = new Set();
  const files = [];
  while (queue.length > 0) {
    const url = queue.shift();
    if (url.origin !== pageUrl.origin) throw new Error(`first-screen script from another origin: ${url.href}`);
    const file = sitePathToFile(url.pathname);
    if (seen.has(file)) continue;
    seen.add(file);
    if (!existsSync(join(distDir, file))) throw new Error(`${htmlFile} loads ${url.pathname}, which is not in ${distDir}`);
    files.push(fileFigures(distDir, file));
    for (const specifier of staticImports(readFileSync(join(distDir, file), 'utf8'))) {
      if (!/^(\.{1,2}\/|\/)/.test(specifier)) throw new Error(`${file} imports the bare specifier "${specifier}"`);
      queue.push(new URL(specifier, url));
    }
  }
  return summed(files);
}

/** All .js files (the service worker and lazy chunks included) and all .css files in dist. */
export function assetTotals(distDir) {
  const all = listFiles(distDir);
  return {
    js: summed(all.filter((f) => f.endsWith('.js') || f.endsWith('.mjs')).map((f) => fileFigures(distDir, f))),
    css: summed(all.filter((f) => f.endsWith('.css')).map((f) => fileFigures(distDir, f))),
  };
}

/** The [{url, revision}] array injected into dist/service-worker.js. */
export function readPrecacheManifest(distDir, swFile = 'service-worker.js') {
  return findPrecacheManifest(readFileSync(join(distDir, swFile), 'utf8')).entries;
}

/** Sum of the on-disk sizes of everything the worker precaches; `missing` lists URLs with no file. */
export function precacheSize(distDir, swFile = 'service-worker.js') {
  const entries = readPrecacheManifest(distDir, swFile);
  const files = [];
  const missing = [];
  for (const { url } of entries) {
    const file = manifestPath(url);
    if (existsSync(join(distDir, file)) && statSync(join(distDir, file)).isFile()) files.push(fileFigures(distDir, file));
    else missing.push(url);
  }
  return { ...summed(files), count: entries.length, missing };
}

/**
 * Files that must be precached for the app to open offline (DESIGN.md § Service worker): JS, CSS,
 * HTML, icons (png/svg) and the web manifest. Not the worker itself, its source map, or the
 * build-time prerender chunks (vite.config.ts globIgnores `assets/prerender-*.js`).
 */
export function requiredPrecacheFiles(distDir, swFile = 'service-worker.js') {
  return listFiles(distDir).filter((file) => {
    if (file === swFile || file.endsWith('.map')) return false;
    if (/^assets\/prerender-[^/]*\.js$/.test(file)) return false;
    return /\.(m?js|css|html|png|svg)$/.test(file) || posix.basename(file) === 'manifest.webmanifest';
  });
}

/** What a file is, for breakdowns: js, css, html, locale (JSON), icon, other. */
export function fileKind(file) {
  if (/\.m?js$/.test(file)) return 'js';
  if (file.endsWith('.css')) return 'css';
  if (file.endsWith('.html')) return 'html';
  if (file.endsWith('.json')) return 'locale';
  if (/\.(png|svg|ico)$/.test(file)) return 'icon';
  return 'other';
}

/** Bytes per kind, largest first: where a budget goes. */
export function bytesByKind(files) {
  const totals = {};
  for (const f of files) totals[fileKind(f.file)] = (totals[fileKind(f.file)] ?? 0) + f.bytes;
  return Object.fromEntries(Object.entries(totals).sort((a, b) => b[1] - a[1]));
}

/** Every size figure the bench reports. */
export function measureSizes(distDir) {
  const firstScreen = firstScreenJs(distDir);
  const { js, css } = assetTotals(distDir);
  const precache = precacheSize(distDir);
  return { firstScreenJs: firstScreen, totalJs: js, totalCss: css, precache: { ...precache, byKind: bytesByKind(precache.files) } };
}
