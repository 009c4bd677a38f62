// The dark palette is written twice in base.css: once for a dark system setting (unless the user chose light), once
// for a user who chose dark. CSS cannot share one block between a media query and a plain selector, so this keeps
// the two copies equal.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('./base.css', import.meta.url), 'utf8');

function customProperties(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map(([, name, value]) => [name, value?.trim()]));
}

function blockAfter(selector: string): string {
  const start = css.indexOf(`${selector} {`);
  expect(start, `${selector} in base.css`).toBeGreaterThanOrEqual(0);
  return css.slice(start, css.indexOf('}', start));
}

describe('the dark palette', () => {
  it('is the same for the system setting and for the chosen theme', () => {
    const system = customProperties(blockAfter(":root:not([data-theme='light'])"));
    const chosen = customProperties(blockAfter(":root[data-theme='dark']"));
    expect(Object.keys(system).length).toBeGreaterThan(10);
    expect(chosen).toEqual(system);
  });
});
