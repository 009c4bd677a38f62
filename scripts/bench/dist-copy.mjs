// A throwaway copy of dist/ with a bare bench-static.html added to the service worker's precache (dist/ itself is never touched).
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPrecacheManifest, replacePrecacheManifest } from './precache-manifest.mjs';

export const STATIC_PAGE_PATH = '/bench-static.html';
export const STATIC_PAGE_HTML =
  '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Hello</title></head><body><h1>Hello</h1></body></html>\n';

/** Copies distDir to targetDir, adds the static page and its {url, revision} to the copied worker's manifest. */
export function makeBenchDist(distDir, targetDir) {
  cpSync(distDir, targetDir, { recursive: true });
  const file = STATIC_PAGE_PATH.slice(1);
  writeFileSync(join(targetDir, file), STATIC_PAGE_HTML);
  const swPath = join(targetDir, 'service-worker.js');
  const source = readFileSync(swPath, 'utf8');
  const { entries } = findPrecacheManifest(source);
  if (entries.some((e) => e.url === file)) throw new Error(`${file} is already in the precache manifest`);
  const revision = createHash('md5').update(STATIC_PAGE_HTML).digest('hex');
  writeFileSync(swPath, replacePrecacheManifest(source, [...entries, { url: file, revision }]));
  return { dir: targetDir, staticPath: STATIC_PAGE_PATH, precacheEntries: entries.length + 1 };
}
