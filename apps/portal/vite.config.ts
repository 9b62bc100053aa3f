import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/** Everything the Portico server answers itself; the dev server forwards it so the SPA stays same-origin. */
const serverPrefixes = ['/api', '/oauth', '/.well-known', '/gw', '/docs', '/openapi.json'];
const apiOrigin = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Workspace packages (@portico/sdk, @portico/contracts) are compiled from source.
    conditions: ['@portico/source', ...defaultClientConditions],
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    port: 5173,
    // The session cookie is host-only: keep the browser's Host so it is set for the dev origin.
    proxy: Object.fromEntries(serverPrefixes.map((prefix) => [prefix, { target: apiOrigin }])),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // TypeBox's `Type.*` builders only return schema objects: marking them pure lets contract schemas a
      // page never uses (e.g. the admin DTOs next to the portal's) drop out of its chunks. `scripts/check-size.mjs`.
      treeshake: { manualPureFunctions: ['Type'] },
    },
  },
});
