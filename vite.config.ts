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
 * The page entry (src/main.tsx) must be one file that fetches nothing before the first paint. Vite wraps every import()
 * in its preload helper, a module of its own that the entry would import statically; the entry's one import() (the
 * start-up code) has nothing to preload, so the wrapper is taken off there and the helper import with it. The rewrite is
 * exact: if the built entry ever looks different, the build fails here instead of shipping the helper again.
 */
function entryWithoutPreloadHelper(): Plugin {
  return {
    name: 'entry-without-preload-helper',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk' || !chunk.isEntry || !chunk.moduleIds.some((id) => id.endsWith('/src/main.tsx'))) continue;
          const helper = /import\{([\w$]+) as ([\w$]+)\}from"\.\/(preload-helper-[\w-]+\.js)";/.exec(chunk.code);
          if (!helper) continue;
          const [statement, , local, file] = helper as unknown as [string, string, string, string];
          const wrapped = new RegExp(`(?<![\\w$.])${local.replace('$', '\\$')}\\(\\(\\)=>(import\\(\`[^\`]+\`\\)(?:\\.then\\(([\\w$]+)=>\\2\\.[\\w$]+\\))?),\\[\\]\\)`, 'g');
          const code = chunk.code.replace(statement, '').replace(wrapped, '$1');
          if (new RegExp(`(?<![\\w$.])${local.replace('$', '\\$')}\\(`).test(code) || code === chunk.code.replace(statement, '')) {
            this.error(`entry-without-preload-helper: ${chunk.fileName} no longer has the expected shape; update vite.config.ts`);
          }
          chunk.code = code;
          chunk.imports = chunk.imports.filter((imported) => !imported.endsWith(file));
        }
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
    entryWithoutPreloadHelper(),
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
