import { describe, expect, it } from 'vitest';
import { GENERATION_IDS } from './generations';
import { SUPPORTED_LOCALES } from './locales';
import { PRERENDERED_ROUTES, SHELL_ROUTE, allPageFiles, documentFor, isPrerenderedRoute, normaliseRoute, pageFile, pageOfFile, shellFile, withTheme } from './prerendered-pages';

describe('prerendered pages', () => {
  it('prerenders every route but a case and admin (DESIGN.md § Routes)', () => {
    expect(PRERENDERED_ROUTES).toEqual(['/', '/orders', '/settings', '/about', ...GENERATION_IDS.map((id) => `/guide/${id}`)]);
    expect(isPrerenderedRoute('/guide/r55-r59/')).toBe(true);
    expect(isPrerenderedRoute('/case/abc')).toBe(false);
    expect(isPrerenderedRoute('/admin')).toBe(false);
  });

  it('names one file per route and language; English keeps index.html', () => {
    expect(pageFile('/', 'en')).toBe('/index.html');
    expect(pageFile('/', 'de')).toBe('/index.de.html');
    expect(pageFile('/guide/r55-r59/', 'nl')).toBe('/guide/r55-r59/index.nl.html');
    expect(shellFile('en')).toBe('/shell.html');
    expect(shellFile('it')).toBe('/shell.it.html');
    expect(normaliseRoute('/orders//')).toBe('/orders');
    expect(normaliseRoute('/')).toBe('/');
  });

  it('answers a navigation with its page, else the shell', () => {
    expect(documentFor('/settings', 'fr')).toBe('/settings/index.fr.html');
    expect(documentFor('/case/123', 'fr')).toBe('/shell.fr.html');
    expect(documentFor('/guide/nope', 'en')).toBe('/shell.html');
  });

  it('lists every page once, and each file maps back to its route and language', () => {
    const files = allPageFiles();
    expect(files).toHaveLength(SUPPORTED_LOCALES.length * (PRERENDERED_ROUTES.length + 1));
    expect(new Set(files.map((f) => f.file)).size).toBe(files.length);
    for (const { file, route, locale } of files) expect(pageOfFile(file), file).toEqual({ route, locale });
    expect(pageOfFile('/shell.html')).toEqual({ route: SHELL_ROUTE, locale: 'en' });
    expect(pageOfFile('/index.en.html')).toBeUndefined(); // English has one name only
    expect(pageOfFile('/index.xx.html')).toBeUndefined();
    expect(pageOfFile('/case/1/index.de.html')).toBeUndefined();
  });

  it('marks only a light or dark theme on <html>', () => {
    const html = '<!doctype html>\n<html lang="de"><body><html-ish></html-ish></body></html>';
    expect(withTheme(html, 'dark')).toBe('<!doctype html>\n<html data-theme="dark" lang="de"><body><html-ish></html-ish></body></html>');
    expect(withTheme(html, 'light')).toContain('<html data-theme="light" lang="de">');
    expect(withTheme(html, 'system')).toBe(html);
    expect(withTheme(html, '"><script>')).toBe(html);
    expect(withTheme(html, undefined)).toBe(html);
  });
});
