// Serves the built app (dist/) from memory: precompressed brotli/gzip, ETags, cache rules, and navigations answered
// with the prerendered page (or the shell) in the reader's language and saved theme.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { PREFERENCE_COOKIES, documentFor, withTheme } from '../domain/prerendered-pages';
import { DEFAULT_LOCALE, isLocale, pickLocale, type Locale } from '../domain/locales';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Already-compressed formats gain nothing from another pass. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.webmanifest', '.svg', '.txt', '.xml', '.ico', '.wasm']);

type Encoding = 'br' | 'gzip' | 'identity';

interface Variant {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

interface StaticFile {
  contentType: string;
  cacheControl: string;
  variants: Partial<Record<Encoding, Variant>>;
}

export interface StaticFiles {
  /** How many files were loaded (for the start-up log). */
  readonly count: number;
  /** A response for a GET/HEAD of this path, or undefined when it is not ours (a missing asset). */
  respond(request: Request): Response | undefined;
}

/**
 * Only /assets/ names carry a content hash. Everything else (the HTML, sw.js, registerSW.js,
 * manifest.webmanifest, icons, robots.txt) keeps its URL across releases, so the browser must
 * revalidate it: cheap, thanks to the ETag, and a new service worker is seen at once.
 */
function cacheControlFor(urlPath: string): string {
  return urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  // Nothing hidden: no dotfile, nothing under a dot-directory (the build's .vite/manifest.json is for tools).
  return entries
    .map((entry) => ({ entry, file: path.join(entry.parentPath, entry.name) }))
    .filter(({ entry, file }) => entry.isFile() && !path.relative(dir, file).split(path.sep).some((part) => part.startsWith('.')))
    .map(({ file }) => file);
}

function etagOf(hash: string, encoding: Encoding): string {
  return encoding === 'identity' ? `"${hash}"` : `"${hash}-${encoding === 'br' ? 'br' : 'gz'}"`;
}

function buildFile(urlPath: string, content: Buffer): StaticFile {
  const ext = path.extname(urlPath).toLowerCase();
  const hash = createHash('sha256').update(content).digest('base64url').slice(0, 22);
  const variants: StaticFile['variants'] = { identity: { body: new Uint8Array(content), etag: etagOf(hash, 'identity') } };
  if (COMPRESSIBLE.has(ext) && content.length >= 256) {
    const br = brotliCompressSync(content, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: content.length },
    });
    const gz = gzipSync(content, { level: zlib.Z_BEST_COMPRESSION });
    // Keep a variant only if it saves something worth the decoding.
    if (br.length < content.length * 0.95) variants.br = { body: new Uint8Array(br), etag: etagOf(hash, 'br') };
    if (gz.length < content.length * 0.95) variants.gzip = { body: new Uint8Array(gz), etag: etagOf(hash, 'gzip') };
  }
  return {
    contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
    cacheControl: cacheControlFor(urlPath),
    variants,
  };
}

/** The best encoding the client accepts (q-values honoured; br wins a tie, being smaller). */
export function chooseEncoding(acceptEncoding: string | null, available: readonly Encoding[]): Encoding {
  const q = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (encoding: string): number => q.get(encoding) ?? q.get('*') ?? 0;
  const candidates = (['br', 'gzip'] as const).filter((encoding) => available.includes(encoding) && weight(encoding) > 0);
  if (candidates.length === 0) return 'identity';
  return candidates.reduce((best, encoding) => (weight(encoding) > weight(best) ? encoding : best));
}

function etagMatches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  // Weak comparison (RFC 9110 §13.1.2), as If-None-Match asks for.
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/** Language tags of an Accept-Language header, most wanted first (q=0 dropped). */
export function preferredLanguages(acceptLanguage: string | null): string[] {
  const ranked: Array<{ tag: string; q: number; order: number }> = [];
  for (const [order, part] of (acceptLanguage ?? '').split(',').entries()) {
    const [tag = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (tag && tag !== '*' && Number.isFinite(q) && q > 0) ranked.push({ tag, q, order });
  }
  return ranked.sort((a, b) => b.q - a.q || a.order - b.order).map((entry) => entry.tag);
}

function cookieValue(cookieHeader: string | null, name: string): string | undefined {
  for (const pair of (cookieHeader ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** A saved choice (the page mirrors it into a cookie) wins over the browser's languages. */
export function pageLocale(request: Request): Locale {
  const saved = cookieValue(request.headers.get('cookie'), PREFERENCE_COOKIES.language);
  return isLocale(saved) ? saved : pickLocale(preferredLanguages(request.headers.get('accept-language')));
}

type Resolved = { file: string; page?: { locale: Locale } };

/**
 * Request path → file: an exact file; a navigation (a directory or an extension-less path) → the page of
 * domain/prerendered-pages.ts in the reader's language, else its English page, else "<dir>/index.html" or the
 * root page (a dist without per-language pages).
 */
function resolvePath(files: ReadonlyMap<string, StaticFile>, request: Request): Resolved | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(new URL(request.url).pathname);
  } catch {
    return undefined;
  }
  if (files.has(decoded) && !decoded.endsWith('/')) return { file: decoded };
  const lastSegment = decoded.slice(decoded.lastIndexOf('/') + 1);
  if (lastSegment.includes('.')) return undefined;
  const locale = pageLocale(request);
  for (const [file, pageLocaleUsed] of [
    [documentFor(decoded, locale), locale],
    [documentFor(decoded, DEFAULT_LOCALE), DEFAULT_LOCALE],
  ] as const) {
    if (files.has(file)) return { file, page: { locale: pageLocaleUsed } };
  }
  const dir = decoded.endsWith('/') ? decoded : `${decoded}/`;
  if (files.has(`${dir}index.html`)) return { file: `${dir}index.html`, page: { locale: DEFAULT_LOCALE } };
  if (files.has('/index.html')) return { file: '/index.html', page: { locale: DEFAULT_LOCALE } };
  return undefined;
}

export function createStaticFiles(entries: ReadonlyMap<string, Buffer>): StaticFiles {
  const files = new Map<string, StaticFile>();
  for (const [urlPath, content] of entries) files.set(urlPath, buildFile(urlPath, content));
  // A page with the saved theme marked on <html>, built (and compressed) on first use: at most two per page.
  const themed = new Map<string, StaticFile>();
  const withSavedTheme = (file: string, theme: string | undefined): StaticFile | undefined => {
    if (theme !== 'light' && theme !== 'dark') return files.get(file);
    const key = `${theme} ${file}`;
    let variant = themed.get(key);
    const content = entries.get(file);
    if (!variant && content) {
      variant = buildFile(file, Buffer.from(withTheme(content.toString('utf8'), theme)));
      themed.set(key, variant);
    }
    return variant;
  };

  return {
    count: files.size,
    respond(request) {
      const resolved = resolvePath(files, request);
      if (!resolved) return undefined;
      const file = resolved.page
        ? withSavedTheme(resolved.file, cookieValue(request.headers.get('cookie'), PREFERENCE_COOKIES.theme))
        : files.get(resolved.file);
      if (!file) return undefined;

      const available = Object.keys(file.variants) as Encoding[];
      const encoding = chooseEncoding(request.headers.get('accept-encoding'), available);
      const variant = file.variants[encoding] ?? file.variants.identity;
      if (!variant) return undefined;

      const headers = new Headers({ ETag: variant.etag, 'Cache-Control': file.cacheControl });
      // Caches must key on whatever could have made us answer differently.
      const vary = [...(available.length > 1 ? ['Accept-Encoding'] : []), ...(resolved.page ? ['Accept-Language', 'Cookie'] : [])];
      if (vary.length > 0) headers.set('Vary', vary.join(', '));
      if (resolved.page) headers.set('Content-Language', resolved.page.locale);

      const ifNoneMatch = request.headers.get('if-none-match');
      if (ifNoneMatch && etagMatches(ifNoneMatch, variant.etag)) return new Response(null, { status: 304, headers });

      headers.set('Content-Type', file.contentType);
      headers.set('Content-Length', String(variant.body.length));
      if (encoding !== 'identity') headers.set('Content-Encoding', encoding);
      return new Response(variant.body, { status: 200, headers });
    },
  };
}

/** Reads every file under `dir` into memory once (dist is small; disk is never touched per request). */
export async function loadStaticFiles(dir: string): Promise<StaticFiles> {
  const entries = new Map<string, Buffer>();
  for (const file of await listFiles(dir)) {
    const urlPath = `/${path.relative(dir, file).split(path.sep).join('/')}`;
    entries.set(urlPath, await readFile(file));
  }
  return createStaticFiles(entries);
}
