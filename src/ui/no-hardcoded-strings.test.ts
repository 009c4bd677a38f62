// Scans every component for user-facing text that bypasses the locale files.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const UI_DIR = new URL('.', import.meta.url).pathname;

function componentFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return componentFiles(path);
    return name.endsWith('.tsx') && !name.includes('.test.') ? [path] : [];
  });
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Text between JSX tags, and text in attributes people read or hear. */
export function findHardCodedText(source: string): string[] {
  const code = stripComments(source);
  const found: string[] = [];
  for (const match of code.matchAll(/>([^<>{}]*)</g)) {
    const text = (match[1] ?? '').trim();
    if (/\p{L}{2,}/u.test(text) && !/^[\w.]+\s*=>/.test(text) && !text.includes('=')) found.push(text);
  }
  for (const match of code.matchAll(/\b(aria-label|aria-description|placeholder|title|alt|label)="([^"]*)"/g))
    if (/\p{L}{2,}/u.test(match[2] ?? '')) found.push(`${match[1]}="${match[2]}"`);
  return found;
}

describe('user-facing strings', () => {
  it('the scan finds text that bypasses the locale files (self-test)', () => {
    expect(findHardCodedText('<p>Turn the ignition on</p>')).toEqual(['Turn the ignition on']);
    expect(findHardCodedText('<button aria-label="Close">x</button>')).toEqual(['aria-label="Close"']);
    expect(findHardCodedText('<p>{t("a.b")}</p>')).toEqual([]);
  });

  for (const file of componentFiles(UI_DIR)) {
    it(`${file.slice(UI_DIR.length)} has no hard-coded text`, () => {
      expect(findHardCodedText(readFileSync(file, 'utf8'))).toEqual([]);
    });
  }
});
