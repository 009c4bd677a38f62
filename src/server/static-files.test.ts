import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding, createStaticFiles, loadStaticFiles, preferredLanguages, type StaticFiles } from './static-files';

const INDEX = `<!doctype html><html><head><title>shell</title></head><body>${'<p>app shell</p>'.repeat(40)}</body></html>`;
const GUIDE = `<!doctype html><title>R50 guide</title>${'<p>guide</p>'.repeat(40)}`;
const SCRIPT = 'export function hello() { return "hello"; }\n'.repeat(100);

let dir: string;
let files: StaticFiles;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dist-'));
  const put = async (name: string, content: string | Buffer) => {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  };
  await put('index.html', INDEX);
  await put('guide/r50-r53/index.html', GUIDE);
  await put('assets/index-Ab12Cd.js', SCRIPT);
  await put('assets/style-Zz99.css', 'body{margin:0}\n'.repeat(50));
  await put('assets/font-1.woff2', Buffer.alloc(2000, 7));
  await put('sw.js', SCRIPT);
  await put('registerSW.js', 'navigator.serviceWorker.register("/sw.js")');
  await put('manifest.webmanifest', JSON.stringify({ name: 'MINI radio code', icons: [] }));
  await put('icon.svg', `<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(100)}</svg>`);
  await put('icon-192.png', Buffer.alloc(500, 1));
  await put('locales/en.json', JSON.stringify({ hello: 'Hello' }));
  await put('.hidden', 'secret');
  await put('.vite/manifest.json', '{}');
  files = await loadStaticFiles(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function get(pathname: string, headers: Record<string, string> = {}): Response | undefined {
  return files.respond(new Request(`http://localhost${pathname}`, { headers }));
}

async function text(response: Response | undefined): Promise<string> {
  expect(response?.status).toBe(200);
  return response!.text();
}

describe('static files', () => {
  it('loads every non-hidden file (no dotfile, nothing under a dot-directory)', () => {
    expect(files.count).toBe(11);
    expect(get('/.hidden')).toBeUndefined();
    expect(get('/.vite/manifest.json')).toBeUndefined();
  });

  it('maps navigations: /, guide pages with and without slash, extension-less paths to the shell', async () => {
    expect(await text(get('/'))).toBe(INDEX);
    expect(await text(get('/guide/r50-r53'))).toBe(GUIDE);
    expect(await text(get('/guide/r50-r53/'))).toBe(GUIDE);
    expect(await text(get('/guide/r55-r59'))).toBe(INDEX);
    expect(await text(get('/case/abc'))).toBe(INDEX);
    expect(await text(get('/admin'))).toBe(INDEX);
    expect(await text(get('/index.html'))).toBe(INDEX);
  });

  it('answers undefined (404 upstream) for missing assets and odd paths', () => {
    expect(get('/assets/index-old.js')).toBeUndefined();
    expect(get('/favicon.ico')).toBeUndefined();
    expect(get('/%E0%A4%A')).toBeUndefined();
    expect(get('/../package.json')).toBeUndefined();
  });

  it('sets content types', () => {
    const types: Record<string, string> = {
      '/': 'text/html; charset=utf-8',
      '/assets/index-Ab12Cd.js': 'text/javascript; charset=utf-8',
      '/assets/style-Zz99.css': 'text/css; charset=utf-8',
      '/assets/font-1.woff2': 'font/woff2',
      '/manifest.webmanifest': 'application/manifest+json; charset=utf-8',
      '/icon.svg': 'image/svg+xml',
      '/icon-192.png': 'image/png',
      '/locales/en.json': 'application/json; charset=utf-8',
    };
    for (const [pathname, type] of Object.entries(types)) expect(get(pathname)?.headers.get('content-type'), pathname).toBe(type);
  });

  it('sets cache rules: hashed assets immutable, the rest revalidated', () => {
    expect(get('/assets/index-Ab12Cd.js')?.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(get('/assets/font-1.woff2')?.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const pathname of ['/', '/case/x', '/guide/r50-r53', '/sw.js', '/registerSW.js', '/manifest.webmanifest', '/icon-192.png']) {
      expect(get(pathname)?.headers.get('cache-control'), pathname).toBe('no-cache');
    }
  });

  it('serves brotli or gzip by Accept-Encoding, with Vary, and the bytes decode to the file', async () => {
    const br = get('/assets/index-Ab12Cd.js', { 'Accept-Encoding': 'gzip, deflate, br' })!;
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(Number(br.headers.get('content-length'))).toBe(brBytes.length);
    expect(brBytes.length).toBeLessThan(SCRIPT.length / 5);
    expect(brotliDecompressSync(brBytes).toString()).toBe(SCRIPT);

    const gz = get('/assets/index-Ab12Cd.js', { 'Accept-Encoding': 'gzip' })!;
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(SCRIPT);

    const plain = get('/assets/index-Ab12Cd.js')!;
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(await plain.text()).toBe(SCRIPT);

    // Binary formats are not compressed again, so there is nothing to vary on.
    const font = get('/assets/font-1.woff2', { 'Accept-Encoding': 'br, gzip' })!;
    expect(font.headers.get('content-encoding')).toBeNull();
    expect(font.headers.get('vary')).toBeNull();
  });

  it('honours q-values', () => {
    expect(chooseEncoding('br;q=0, gzip', ['identity', 'br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('gzip;q=1, br;q=0.5', ['identity', 'br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('*', ['identity', 'br', 'gzip'])).toBe('br');
    expect(chooseEncoding('identity', ['identity', 'br', 'gzip'])).toBe('identity');
    expect(chooseEncoding(null, ['identity', 'br'])).toBe('identity');
    expect(chooseEncoding('br', ['identity'])).toBe('identity');
  });

  it('ETag per encoding, 304 on If-None-Match (weak compare, lists, *)', async () => {
    const first = get('/', { 'Accept-Encoding': 'br' })!;
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+-br"$/);
    expect(get('/', { 'Accept-Encoding': 'gzip' })!.headers.get('etag')).not.toBe(etag);

    const notModified = get('/', { 'Accept-Encoding': 'br', 'If-None-Match': etag })!;
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(notModified.headers.get('cache-control')).toBe('no-cache');
    expect(get('/', { 'Accept-Encoding': 'br', 'If-None-Match': `"other", W/${etag}` })!.status).toBe(304);
    expect(get('/', { 'Accept-Encoding': 'br', 'If-None-Match': '*' })!.status).toBe(304);
    // A different representation does not match.
    expect(get('/', { 'Accept-Encoding': 'gzip', 'If-None-Match': etag })!.status).toBe(200);
  });
});

describe('pages in the reader\'s language and saved theme', () => {
  const page = (lang: string, what: string) => `<!doctype html>\n<html lang="${lang}"><head><title>${what}</title></head><body>${`<p>${what} ${lang}</p>`.repeat(30)}</body></html>`;
  let site: StaticFiles;
  beforeAll(() => {
    site = createStaticFiles(
      new Map([
        ['/index.html', Buffer.from(page('en', 'home'))],
        ['/index.de.html', Buffer.from(page('de', 'home'))],
        ['/index.fr.html', Buffer.from(page('fr', 'home'))],
        ['/guide/r55-r59/index.html', Buffer.from(page('en', 'guide'))],
        ['/guide/r55-r59/index.de.html', Buffer.from(page('de', 'guide'))],
        ['/shell.html', Buffer.from(page('en', 'shell'))],
        ['/shell.de.html', Buffer.from(page('de', 'shell'))],
        ['/assets/app-1.js', Buffer.from(SCRIPT)],
      ]),
    );
  });
  const fetchPage = (pathname: string, headers: Record<string, string> = {}) => site.respond(new Request(`http://localhost${pathname}`, { headers }))!;

  it('picks the page by Accept-Language (q-values, base language), English otherwise', async () => {
    expect(await text(fetchPage('/', { 'Accept-Language': 'de-AT,de;q=0.9,en;q=0.8' }))).toBe(page('de', 'home'));
    expect(await text(fetchPage('/guide/r55-r59', { 'Accept-Language': 'en;q=0.5, de;q=0.9' }))).toBe(page('de', 'guide'));
    expect(await text(fetchPage('/', { 'Accept-Language': 'fr-BE' }))).toBe(page('fr', 'home'));
    expect(await text(fetchPage('/', { 'Accept-Language': 'ja, pt-BR' }))).toBe(page('en', 'home'));
    expect(await text(fetchPage('/', { 'Accept-Language': 'de;q=0, fr;q=0.1' }))).toBe(page('fr', 'home'));
    expect(await text(fetchPage('/'))).toBe(page('en', 'home'));
  });

  it('a saved language (cookie) wins over the browser; a page missing in it falls back to English', async () => {
    expect(await text(fetchPage('/', { 'Accept-Language': 'fr', Cookie: 'other=1; lang=de' }))).toBe(page('de', 'home'));
    expect(await text(fetchPage('/guide/r55-r59', { Cookie: 'lang=fr' }))).toBe(page('en', 'guide'));
    expect(await text(fetchPage('/', { 'Accept-Language': 'de', Cookie: 'lang=xx' }))).toBe(page('de', 'home'));
  });

  it('routes that are not prerendered get the shell in that language, never another screen', async () => {
    for (const route of ['/case/abc', '/admin', '/no/such/page', '/guide/unknown'])
      expect(await text(fetchPage(route, { 'Accept-Language': 'de' })), route).toBe(page('de', 'shell'));
    expect(await text(fetchPage('/case/abc'))).toBe(page('en', 'shell'));
  });

  it('marks a saved theme on <html>, with its own ETag, and leaves "system" alone', async () => {
    const dark = fetchPage('/', { Cookie: 'theme=dark; lang=de', 'Accept-Encoding': 'br' });
    expect(dark.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await dark.arrayBuffer())).toString()).toBe(page('de', 'home').replace('<html', '<html data-theme="dark"'));
    const plain = fetchPage('/', { Cookie: 'lang=de', 'Accept-Encoding': 'br' });
    expect(plain.headers.get('etag')).not.toBe(dark.headers.get('etag'));
    expect(await text(fetchPage('/', { Cookie: 'theme=system' }))).toBe(page('en', 'home'));
    expect(await text(fetchPage('/', { Cookie: 'theme="><script>' }))).toBe(page('en', 'home'));
  });

  it('says what the answer depends on; files asked for by name are themselves', async () => {
    const negotiated = fetchPage('/', { 'Accept-Language': 'de', 'Accept-Encoding': 'gzip' });
    expect(negotiated.headers.get('vary')).toBe('Accept-Encoding, Accept-Language, Cookie');
    expect(negotiated.headers.get('content-language')).toBe('de');
    const byName = fetchPage('/index.html', { 'Accept-Language': 'de', Cookie: 'theme=dark' });
    expect(await text(byName)).toBe(page('en', 'home'));
    expect(byName.headers.get('vary')).not.toMatch(/Accept-Language/);
    expect(fetchPage('/assets/app-1.js', { 'Accept-Language': 'de' }).headers.get('vary')).toBe('Accept-Encoding');
  });
});

describe('preferredLanguages', () => {
  it('orders by q, then by position, and drops q=0 and *', () => {
    expect(preferredLanguages('da, en-gb;q=0.8, en;q=0.7')).toEqual(['da', 'en-gb', 'en']);
    expect(preferredLanguages('en;q=0.1, de')).toEqual(['de', 'en']);
    expect(preferredLanguages('*, fr;q=0')).toEqual([]);
    expect(preferredLanguages(null)).toEqual([]);
  });
});
