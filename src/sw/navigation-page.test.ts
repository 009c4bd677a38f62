import { describe, expect, it } from 'vitest';
import { pageFor } from './navigation-page';

const precache = new Map([
  ['/index.html', '<!doctype html><html lang="en"><p>home</p></html>'],
  ['/index.de.html', '<!doctype html><html lang="de"><p>Start</p></html>'],
  ['/shell.html', '<!doctype html><html lang="en"><p>shell</p></html>'],
  ['/shell.de.html', '<!doctype html><html lang="de"><p>Hülle</p></html>'],
]);
const match = async (file: string) => (precache.has(file) ? new Response(precache.get(file)) : undefined);
const url = (path: string) => new URL(path, 'https://app.example');

describe('the service worker picks the page', () => {
  it('in the saved language, else the browser\'s, else English', async () => {
    const saved = await pageFor(url('/'), { language: 'de', theme: 'system' }, ['en-GB'], match);
    expect(await saved?.text()).toContain('Start');
    expect(saved?.headers.get('content-language')).toBe('de');
    expect(await (await pageFor(url('/'), { language: null, theme: 'system' }, ['de-AT', 'en'], match))?.text()).toContain('Start');
    expect(await (await pageFor(url('/'), { language: null, theme: 'system' }, ['pt-BR'], match))?.text()).toContain('home');
  });

  it('serves the shell, never another screen, for routes that are not prerendered', async () => {
    for (const path of ['/case/1', '/admin', '/what']) {
      expect(await (await pageFor(url(path), { language: 'de', theme: 'system' }, [], match))?.text(), path).toContain('Hülle');
    }
  });

  it('marks the saved theme on <html> before any script runs', async () => {
    const page = await pageFor(url('/'), { language: null, theme: 'dark' }, ['en'], match);
    expect(await page?.text()).toContain('<html data-theme="dark" lang="en">');
    expect(page?.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('looks up the browser\'s page while the saved choice is still being read, and keeps to the saved choice', async () => {
    const asked: string[] = [];
    const spy = async (file: string) => {
      asked.push(file);
      return match(file);
    };
    let answer: (preferences: { language: 'de' | null; theme: 'system' }) => void = () => undefined;
    const saved = pageFor(url('/'), new Promise((resolve) => (answer = resolve)), ['en-GB'], spy);
    await Promise.resolve();
    expect(asked).toEqual(['/index.html']);
    answer({ language: 'de', theme: 'system' });
    expect(await (await saved)?.text()).toContain('Start');
    expect(asked).toEqual(['/index.html', '/index.de.html']);
  });

  it('answers undefined when the page is not precached (the network then answers)', async () => {
    expect(await pageFor(url('/orders'), { language: null, theme: 'system' }, ['en'], match)).toBeUndefined();
  });
});
