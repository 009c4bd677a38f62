// Scans every component for user-facing text that bypasses the locale files.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseSync } from '@babel/core';
import { describe, expect, it } from 'vitest';

const UI_DIR = new URL('.', import.meta.url).pathname;

function componentFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return componentFiles(path);
    return name.endsWith('.tsx') && !name.includes('.test.') ? [path] : [];
  });
}

const READ_ALOUD_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'placeholder', 'title', 'alt', 'label']);
const HAS_WORDS = /\p{L}{2,}/u;

interface Node {
  type: string;
  [key: string]: unknown;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

/** Text between JSX tags, and text in attributes people read or hear, found in the parsed component. */
export function findHardCodedText(source: string): string[] {
  const ast = parseSync(source, {
    filename: 'component.tsx',
    babelrc: false,
    configFile: false,
    parserOpts: { plugins: ['jsx', 'typescript'] },
  });
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isNode(value)) return;
    if (value.type === 'JSXText' && HAS_WORDS.test(String(value.value))) found.push(String(value.value).trim());
    if (value.type === 'JSXAttribute' && isNode(value.name) && isNode(value.value) && value.value.type === 'StringLiteral') {
      const name = String(value.name.name);
      const text = String(value.value.value);
      if (READ_ALOUD_ATTRIBUTES.has(name) && HAS_WORDS.test(text)) found.push(`${name}="${text}"`);
    }
    for (const [key, child] of Object.entries(value)) if (key !== 'loc' && key !== 'start' && key !== 'end') visit(child);
  };
  visit(ast);
  return found;
}

describe('user-facing strings', () => {
  it('the scan finds text that bypasses the locale files (self-test)', () => {
    expect(findHardCodedText('const a = <p>Turn the ignition on</p>;')).toEqual(['Turn the ignition on']);
    expect(findHardCodedText('const a = <button aria-label="Close">x</button>;')).toEqual(['aria-label="Close"']);
    expect(findHardCodedText('const a = <p>{t("a.b")}</p>;')).toEqual([]);
    expect(findHardCodedText('const f = (x: number) => x > 1 && x < 3;')).toEqual([]);
  });

  for (const file of componentFiles(UI_DIR)) {
    it(`${file.slice(UI_DIR.length)} has no hard-coded text`, () => {
      expect(findHardCodedText(readFileSync(file, 'utf8'))).toEqual([]);
    });
  }
});
