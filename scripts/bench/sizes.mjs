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

/** Specifiers of the dynamic `import("…")` calls with a literal source in an ES module. */
export function dynamicImports(code) {
  const specifiers = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'ImportExpression' && node.source?.type === 'Literal') specifiers.push(String(node.source.value));
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(parseAst(code));
  return specifiers;
}

/** A URL path on the site ("/assets/x.js") to a file in dist ("assets/x.js"). */
function sitePathToFile(sitePath) {
  return decodeURIComponent(sitePath.replace(/^\//, ''));
}

/** The screen module each prerendered route opens (src/ui/screens.ts, screenFor). */
const SCREEN_MODULES = [
  [/^\/$/, 'src/ui/screens/home-screen.tsx'],
  [/^\/guide\/[^/]+$/, 'src/ui/screens/guide-screen.tsx'],
  [/^\/orders$/, 'src/ui/screens/orders-screen.tsx'],
  [/^\/settings$/, 'src/ui/screens/settings-screen.tsx'],
  [/^\/about$/, 'src/ui/screens/about-screen.tsx'],
];

/** "guide/r56/index.html" → "/guide/r56" */
function routeOfHtml(htmlFile) {
  return `/${htmlFile.replace(/(^|\/)index(\.[a-z]{2})?\.html$/, '')}`.replace(/\/$/, '') || '/';
}

/** The built chunk of the screen that `htmlFile`'s route opens, from Vite's build manifest (dist/.vite/manifest.json). */
function screenChunkOf(distDir, htmlFile) {
  const route = routeOfHtml(htmlFile);
  const module = SCREEN_MODULES.find(([pattern]) => pattern.test(route))?.[1];
  if (!module) return undefined;
  const manifestFile = join(distDir, '.vite', 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: vite.config.ts must set build.manifest`);
  const chunk = JSON.parse(readFileSync(manifestFile, 'utf8'))[module];
  if (!chunk) throw new Error(`${module} (the screen of ${route}) is not in the build manifest`);
  return `/${chunk.file}`;
}

/**
 * The JS a page loads before it is interactive: its module scripts; whatever those entry modules import, statically
 * or dynamically (an entry's only job is to start the app, so an import() there, such as the start-up that waits
 * for the first paint, is first-screen too); the chunk of the screen its route opens (hydration needs it); and,
 * transitively, the static imports of all of these. Later import() calls (other screens, the service-worker code,
 * background sync) load on demand or after the first render and are not counted.
 */
export function firstScreenJs(distDir, htmlFile = 'index.html') {
  const html = readFileSync(join(distDir, htmlFile), 'utf8');
  const pageUrl = new URL(`/${htmlFile}`, 'https://site.invalid');
  const entries = moduleScriptSources(html).map((src) => new URL(src, pageUrl));
  if (entries.length === 0) throw new Error(`${htmlFile} has no <script type="module" src=…>`);
  const queue = [...entries];
  for (const entry of entries) {
    const file = sitePathToFile(entry.pathname);
    if (!existsSync(join(distDir, file))) throw new Error(`${htmlFile} loads ${entry.pathname}, which is not in ${distDir}`);
    for (const specifier of dynamicImports(readFileSync(join(distDir, file), 'utf8'))) queue.push(new URL(specifier, entry));
  }
  const screen = screenChunkOf(distDir, htmlFile);
  if (screen) queue.push(new URL(screen, pageUrl));
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

/** The English prerendered pages whose first screen is budgeted: home and every guide page. */
export function firstScreenPages(distDir) {
  const guides = existsSync(join(distDir, 'guide'))
    ? readdirSync(join(distDir, 'guide'), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(distDir, 'guide', entry.name, 'index.html')))
        .map((entry) => `guide/${entry.name}/index.html`)
        .sort()
    : [];
  return ['index.html', ...guides];
}

/** First-screen JS of every budgeted page, and the heaviest of them. */
export function firstScreenJsByPage(distDir) {
  const pages = firstScreenPages(distDir).map((html) => ({ html, route: routeOfHtml(html), ...firstScreenJs(distDir, html) }));
  const heaviest = pages.reduce((worst, page) => (page.gzip > worst.gzip ? page : worst));
  return { pages, heaviest };
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
  const byPage = firstScreenJsByPage(distDir);
  const { js, css } = assetTotals(distDir);
  const precache = precacheSize(distDir);
  return { firstScreenJs: firstScreen, firstScreenJsByPage: byPage, totalJs: js, totalCss: css, precache: { ...precache, byKind: bytesByKind(precache.files) } };
}
