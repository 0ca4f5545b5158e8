// `npm test`: unit and integration tests on SQLite always; the same integration tests on
// PostgreSQL when TEST_DATABASE_URL is set; end-to-end tests in Chromium when a chromium
// binary is found. What cannot run is skipped with a line saying why, and under CI=true
// a skip fails the run instead.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

function findChromium(): string | null {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim() || null;
    } catch {
      /* not on PATH */
    }
  }
  return null;
}

const ci = process.env.CI === 'true' || process.env.CI === '1';
const skipped: string[] = [];
const chromium = findChromium();
const pgUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

const integration = ['src/**/*.test.ts', 'test/**/*.test.ts'];
// test/multinode starts real server processes on databases it creates itself (a SQLite
// file, and a fresh PostgreSQL database when TEST_DATABASE_URL is set), so it runs once,
// in the sqlite project; its two-process test needs PostgreSQL and Redis.
const multinode = 'test/multinode/**';
const twoProcess = 'test/multinode/two-process.test.ts';
const projects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: {
      name: 'sqlite',
      include: integration,
      ...(pgUrl && redisUrl ? {} : { exclude: [...configDefaults.exclude, twoProcess] }),
      env: { LOTUS_TEST_DB: 'sqlite', NODE_ENV: 'test' },
    },
  },
];
// Component tests of the web faces (the chat, the ask form, the payment page) in happy-dom,
// against a real server on SQLite: always registered, like the sqlite project.
projects.push({
  extends: true,
  test: {
    name: 'web',
    include: ['src/web/**/*.test.tsx'],
    environment: 'happy-dom',
    env: { LOTUS_TEST_DB: 'sqlite', NODE_ENV: 'test' },
  },
});
if (pgUrl) {
  projects.push({
    extends: true,
    test: {
      name: 'postgres',
      include: integration,
      exclude: [...configDefaults.exclude, multinode],
      env: { LOTUS_TEST_DB: 'postgres', NODE_ENV: 'test' },
    },
  });
} else {
  skipped.push('PostgreSQL integration runs: TEST_DATABASE_URL is not set (e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)');
}
if (chromium) {
  projects.push({
    extends: true,
    test: {
      name: 'e2e',
      include: ['test/e2e/**/*.e2e.ts'],
      env: { NODE_ENV: 'test', CHROMIUM_PATH: chromium },
      testTimeout: 60_000,
      hookTimeout: 60_000,
      fileParallelism: false,
      globalSetup: ['test/e2e/global-setup.ts'],
    },
  });
} else {
  skipped.push('end-to-end browser tests: no chromium binary found (apt-get install chromium, or set CHROMIUM_PATH)');
}
if (!redisUrl) skipped.push('multi-process tests through Redis: TEST_REDIS_URL is not set (e.g. TEST_REDIS_URL=redis://127.0.0.1:6379)');

for (const line of skipped) process.stdout.write(`SKIPPED ${line}\n`);
if (ci && skipped.length > 0) {
  throw new Error(`CI=true and ${skipped.length} part(s) of the suite cannot run here; see the SKIPPED lines above.`);
}

export default defineConfig({
  test: {
    projects,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Tests may not be skipped silently: a skipped test under CI fails the run (see reporter).
  },
});
