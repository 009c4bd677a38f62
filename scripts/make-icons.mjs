// Renders the SVG icons to the PNG sizes the manifest needs, with the same Chromium the tests use.
// Run once after changing public/icon*.svg: node scripts/make-icons.mjs
// Chromium's PNGs are not tightly packed, and the icons are precached (the precache budget counts them): Debian's
// pngquant (apt-get install pngquant) maps them to a palette (quality 90–100: the flat icon looks the same, about half
// the bytes), then optipng (apt-get install optipng) recompresses them losslessly.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { launchChromium } from './chromium.mjs';

const jobs = [
  ['public/icon.svg', 'public/icon-192.png', 192],
  ['public/icon.svg', 'public/icon-512.png', 512],
  ['public/icon-maskable.svg', 'public/icon-maskable-512.png', 512],
  ['public/icon.svg', 'public/apple-touch-icon.png', 180],
];
const browser = await launchChromium();
const page = await browser.newPage();
for (const [svgPath, pngPath, size] of jobs) {
  const svg = readFileSync(svgPath, 'utf8');
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  writeFileSync(pngPath, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  console.log('wrote', pngPath);
}
await browser.close();
const pngquant = spawnSync('pngquant', ['--quality=90-100', '--speed', '1', '--strip', '--force', '--ext', '.png', ...jobs.map(([, pngPath]) => pngPath)], { stdio: 'inherit' });
if (pngquant.error) console.warn('pngquant not found: the PNGs keep full colour (apt-get install pngquant)');
const optipng = spawnSync('optipng', ['-quiet', '-o7', '-strip', 'all', ...jobs.map(([, pngPath]) => pngPath)], { stdio: 'inherit' });
if (optipng.error) console.warn('optipng not found: the PNGs are not recompressed (apt-get install optipng)');
