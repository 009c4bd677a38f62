import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { PRERENDERED_ROUTES, allPageFiles } from './src/domain/prerendered-pages';

// The manifest lives at the repository root (one reviewed file); this emits it unchanged into dist/.
function rootManifest(): Plugin {
  return {
    name: 'root-manifest',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'manifest.webmanifest', source: readFileSync('manifest.webmanifest', 'utf8') });
    },
  };
}

// Every route in every language, and the shell, by file (domain/prerendered-pages.ts); "/" is the entry itself.
const prerenderRoutes = [
  ...PRERENDERED_ROUTES.filter((route) => route !== '/'),
  ...allPageFiles()
    .map((page) => page.file)
    .filter((file) => file !== '/index.html' && !PRERENDERED_ROUTES.some((route) => file === `${route}/index.html`)),
];

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
// APP_VERSION lets a deployment (or the update e2e test) stamp a build.
const appVersion = process.env.APP_VERSION ?? packageJson.version;

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(appVersion) },
  build: {
    target: 'es2022',
    modulePreload: { polyfill: false },
    cssCodeSplit: true,
    sourcemap: false,
  },
  plugins: [
    preact({
      prerender: {
        enabled: true,
        renderTarget: '#app',
        prerenderScript: fileURLToPath(new URL('./src/prerender.tsx', import.meta.url)),
        additionalPrerenderRoutes: prerenderRoutes,
      },
    }),
    rootManifest(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'service-worker.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        // Everything the app needs offline; the manifest file is emitted by rootManifest().
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,json,txt,ico}'],
        globIgnores: ['**/node_modules/**', 'assets/prerender-*.js'],
        maximumFileSizeToCacheInBytes: 300 * 1024,
      },
      devOptions: { enabled: false, type: 'module' },
    }),
  ],
});
