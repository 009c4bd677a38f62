// Reads the locale tree from disk for tests and scripts: locales/<lang>/<namespace>.json, flattened to dotted keys.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const LOCALES_DIR = new URL('./locales/', import.meta.url).pathname;

export type FlatBundle = Map<string, string>;

export function flatten(value: unknown, prefix = '', into: FlatBundle = new Map()): FlatBundle {
  if (typeof value === 'string') into.set(prefix, value);
  else if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  else throw new Error(`locale value at "${prefix}" is not a string or object`);
  return into;
}

export function languagesOnDisk(): string[] {
  return readdirSync(LOCALES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function namespacesOf(language: string): string[] {
  return readdirSync(join(LOCALES_DIR, language))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

export function readBundle(language: string, namespace: string): FlatBundle {
  return flatten(JSON.parse(readFileSync(join(LOCALES_DIR, language, `${namespace}.json`), 'utf8')));
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** "attemptsLeft_one" → { base: "attemptsLeft", category: "one" }. */
export function splitPlural(key: string): { base: string; category?: string } {
  const match = PLURAL_SUFFIX.exec(key);
  return match ? { base: key.slice(0, match.index), category: match[1] } : { base: key };
}

export function interpolationVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1] as string))].sort();
}
