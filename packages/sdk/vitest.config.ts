import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript source through the `@portico/source` condition.
// Vite's default conditions are spelled out (vite is not a direct dependency of this package):
// client ones for the happy-dom environment, server ones for `@vitest-environment node` files.
export default defineConfig({
  resolve: { conditions: ['@portico/source', 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: ['@portico/source', 'module', 'node', 'development|production'] } },
  test: { environment: 'happy-dom' },
});
