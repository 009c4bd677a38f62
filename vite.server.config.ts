// Builds the order service (src/server/main.ts) to plain JavaScript in dist-server/, run in production with `node dist-server/main.js`.
import { defineConfig } from 'vite';

// An SSR build: Node target, every npm package left as an import (installed by `npm ci --omit=dev`),
// our own modules (server and domain) bundled into one file with a source map for stack traces.
export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'src/server/main.ts',
    outDir: 'dist-server',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rollupOptions: { output: { entryFileNames: 'main.js', format: 'es' } },
  },
  ssr: { target: 'node' },
});
