import { defineConfig } from 'vitest/config';

// Resolve workspace packages to their TypeScript source (see the `@portico/source` export condition).
const conditions = ['@portico/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: { environment: 'node', pool: 'forks', testTimeout: 15_000 },
});
