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

/**
 * The locale files are emitted as they are written, indented for people. Every one is precached and the first screen
 * fetches two of them at start-up, so the built copies drop the whitespace (about 2.6 KiB of the precache, gzip).
 */
function compactLocaleFiles(): Plugin {
  return {
    name: 'compact-locale-files',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.json')) continue;
        const text = typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source);
        file.source = JSON.stringify(JSON.parse(text));
      }
    },
  };
}

/**
 * Vite wraps every import() in its preload helper (a module of its own) so it can fetch a chunk's CSS and modules
 * ahead. Here nothing is preloaded: modulePreload is off and the one stylesheet belongs to the page, so every call's
 * list is empty and the helper is only one more file on the first screen's import chain (entry, boot, each screen).
 * Each chunk gets a one-line stand-in that just runs the import, and the helper file is dropped. The page entry
 * (src/main.tsx) then imports nothing before the first paint. Exact: a lazily loaded chunk with CSS of its own (which
 * the helper would have loaded), or a helper import in another form, fails the build instead of shipping it again.
 */
function withoutPreloadHelper(): Plugin {
  const helperImport = /import\s*\{\s*[\w$]+\s+as\s+__vitePreload\s*\}\s*from\s*"\.\/preload-helper-[^"]+";/;
  return {
    name: 'without-preload-helper',
    apply: 'build',
    renderChunk: {
      order: 'post',
      handler(code, chunk) {
        if (chunk.name === 'preload-helper' || !code.includes('__vitePreload')) return null;
        if (!helperImport.test(code)) this.error(`without-preload-helper: ${chunk.fileName} uses the preload helper in an unexpected form; update vite.config.ts`);
        return { code: code.replace(helperImport, 'const __vitePreload = (load) => load();'), map: null };
      },
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const helperFile = Object.keys(bundle).find((file) => /^assets\/preload-helper-[\w-]+\.js$/.test(file));
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk') continue;
          if (!chunk.isEntry && (chunk.viteMetadata?.importedCss.size ?? 0) > 0) {
            this.error(`without-preload-helper: ${chunk.fileName} is loaded on demand with CSS of its own, which only the preload helper would load; update vite.config.ts`);
          }
          if (helperFile === undefined) continue;
          if (chunk.code.includes(helperFile.slice('assets/'.length))) this.error(`without-preload-helper: ${chunk.fileName} still imports ${helperFile}`);
          chunk.imports = chunk.imports.filter((file) => file !== helperFile);
        }
        if (helperFile !== undefined) delete bundle[helperFile];
      },
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

/**
 * One "boot" chunk for everything boot.tsx imports statically (the frame, Preact, the router, i18next): it always
 * loads as a whole, after the first paint, and one file compresses better and costs one request instead of a dozen.
 * Modules the page entry imports itself, and Vite's helpers (the entry's import() uses them), stay out of it:
 * the entry must not load "boot" before the first paint. The plugin records the module graph as it is parsed.
 */
function bootChunk(): { plugin: Plugin; isBootModule: (id: string) => boolean } {
  const imports = new Map<string, readonly string[]>();
  const closure = (file: string) => {
    const seen = new Set<string>();
    const queue = [fileURLToPath(new URL(`./${file}`, import.meta.url))];
    while (queue.length > 0) {
      const id = queue.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      queue.push(...(imports.get(id) ?? []));
    }
    return seen;
  };
  let boot: Set<string> | undefined;
  return {
    plugin: {
      name: 'boot-chunk-graph',
      apply: 'build',
      moduleParsed(info) {
        imports.set(info.id, info.importedIds);
      },
    },
    isBootModule(id) {
      if (!boot) {
        const entry = closure('src/main.tsx');
        boot = new Set([...closure('src/boot.tsx')].filter((module) => !entry.has(module) && !module.startsWith('\0')));
      }
      return boot.has(id);
    },
  };
}

const boot = bootChunk();

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
// APP_VERSION lets a deployment (or the update e2e test) stamp a build.
const appVersion = process.env.APP_VERSION ?? packageJson.version;

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(appVersion) },
  build: {
    target: 'es2022',
    // No modulepreload: nothing the first paint needs is JS, and what boot.tsx loads after it is one shallow graph.
    modulePreload: false,
    cssCodeSplit: true,
    sourcemap: false,
    // dist/.vite/manifest.json: which chunk holds which screen, for the per-page first-screen size (scripts/bench/sizes.mjs).
    manifest: true,
    rolldownOptions: {
      output: {
        advancedChunks: {
          includeDependenciesRecursively: false,
          groups: [
            // The radio's limits (three numbers, needed by the catalogue and the machine) travel with boot: on their own
            // they were one more file one import deeper under the first screen and under device storage.
            { name: 'boot', test: (id: string) => boot.isBootModule(id) || id.endsWith('/src/domain/limits.ts') },
            // Start-up's early read for the home screen (src/ui/home-parts.ts) in one file, not a chain of three.
            { name: 'home-data', test: /src\/ui\/(home-parts|lazy-part|hooks\/use-cases|hooks\/use-live-query)\.ts$/ },
            // What reading the device takes (idb, the settings and cases stores, the case and its machine) in one file
            // instead of eight files four imports deep: start-up's settings read fetches it, and the cases read finds it there.
            { name: 'device', test: /src\/(storage\/(db|change-feed|cases-store|settings-store)|domain\/(case|diagnosis-machine|diagnosis-queries|diagnosis-states|radio-code|price))\.ts$|node_modules\/idb\// },
          ],
        },
      },
    },
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
    withoutPreloadHelper(),
    compactLocaleFiles(),
    boot.plugin,
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
