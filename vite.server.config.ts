// Builds the order service (src/server/main.ts) to plain JavaScript in dist-server/, run in production with `node dist-server/main.js`.
import { defineConfig } from 'vite';

// An SSR build: Node target, every npm package left as an import (installed by `npm ci --omit=dev`),
// our own modules (server and domain) bundled with source maps for stack traces. Two entries: the server,
// and the SQLite order writer's worker thread (sqlite-order-writer.ts starts it from beside main.js).
export default defineConfig({
  publicDir: false,
  build: {
    ssr: true,
    outDir: 'dist-server',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rollupOptions: {
      input: { main: 'src/server/main.ts', 'sqlite-order-worker': 'src/server/sqlite-order-worker.ts' },
      output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', format: 'es' },
    },
  },
  ssr: { target: 'node' },
});
