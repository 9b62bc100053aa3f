import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import {
  adminCredentials,
  baseURL,
  chromiumArgs,
  chromiumExecutable,
  isCI,
  localPort,
  repoRoot,
  runDatabaseDir,
  serverEntry,
  usesExternalServer,
} from './support/settings.js';

function localServer() {
  if (!existsSync(serverEntry)) {
    console.warn(`e2e: ${path.relative(repoRoot, serverEntry)} is missing; run \`pnpm build\` first.`);
  }
  return {
    // The built server, exactly what a deployment runs; it also serves the built portal.
    command: `node ${path.relative(repoRoot, serverEntry)}`,
    cwd: repoRoot,
    url: `${baseURL}/readyz`,
    // Never attach to whatever already listens on the port: its database and admin are unknown.
    // To test a running instance on purpose, set PORTICO_E2E_BASE_URL instead.
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 5_000 },
    env: {
      PORT: String(localPort),
      HOST: '127.0.0.1',
      PORTICO_ISSUER: baseURL,
      PORTICO_DB_FILE: path.join(runDatabaseDir(), 'portico.db'),
      PORTICO_DEMO: '1',
      PORTICO_ADMIN_EMAIL: adminCredentials.email,
      PORTICO_ADMIN_PASSWORD: adminCredentials.password,
      PORTICO_SESSION_SECRET: randomBytes(32).toString('hex'),
      PORTICO_LOG_LEVEL: 'warn',
      // Every spec signs in or registers from 127.0.0.1; the production default (10 a minute per IP)
      // would throttle a full run with retries. Rate limiting has its own route tests.
      PORTICO_LOGIN_RATE_LIMIT: '1000',
      PORTICO_REGISTER_RATE_LIMIT: '1000',
    },
  };
}

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  workers: isCI ? 2 : undefined,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [[isCI ? 'line' : 'list'], ['html', { outputFolder: './playwright-report', open: 'never' }]],
  globalTeardown: './global-teardown.ts',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    video: 'off',
  },
  projects: [
    {
      name: 'setup',
      testMatch: /.*\.setup\.ts/,
    },
    {
      name: 'chromium',
      testMatch: /.*\.spec\.ts/,
      dependencies: ['setup'],
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath: chromiumExecutable(), args: chromiumArgs },
      },
    },
  ],
  webServer: usesExternalServer ? undefined : localServer(),
});
