// Serves the built app (dist/) from memory: precompressed brotli/gzip, ETags, cache rules, and SPA navigation.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

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
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => path.join(entry.parentPath, entry.name));
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

/** Request path → file path: exact file, then "<dir>/index.html", then the app shell for extension-less paths. */
function resolvePath(files: ReadonlyMap<string, StaticFile>, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (files.has(decoded) && !decoded.endsWith('/')) return decoded;
  const dir = decoded.endsWith('/') ? decoded : `${decoded}/`;
  if (files.has(`${dir}index.html`)) return `${dir}index.html`;
  const lastSegment = decoded.slice(decoded.lastIndexOf('/') + 1);
  if (!lastSegment.includes('.') && files.has('/index.html')) return '/index.html';
  return undefined;
}

export function createStaticFiles(entries: ReadonlyMap<string, Buffer>): StaticFiles {
  const files = new Map<string, StaticFile>();
  for (const [urlPath, content] of entries) files.set(urlPath, buildFile(urlPath, content));

  return {
    count: files.size,
    respond(request) {
      const filePath = resolvePath(files, new URL(request.url).pathname);
      const file = filePath ? files.get(filePath) : undefined;
      if (!file) return undefined;

      const available = Object.keys(file.variants) as Encoding[];
      const encoding = chooseEncoding(request.headers.get('accept-encoding'), available);
      const variant = file.variants[encoding] ?? file.variants.identity;
      if (!variant) return undefined;

      const headers = new Headers({ ETag: variant.etag, 'Cache-Control': file.cacheControl });
      // Caches must key on Accept-Encoding whenever we could have answered differently.
      if (available.length > 1) headers.set('Vary', 'Accept-Encoding');

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
