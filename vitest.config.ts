import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.wp.test.ts'],
    environment: 'node',
    // The temp folders a test file shared (the seeded template) go when it ends.
    setupFiles: ['src/core/testCleanup.ts'],
    // better-sqlite3 is a native addon: separate processes keep one crash from taking every file with it.
    pool: 'forks',
    testTimeout: 20_000,
    // Hooks build a file's seeded template (accounts at the test kit's low scrypt cost, src/core/testkit.ts),
    // start servers and WordPress fixtures; two workers on a busy machine can take tens of seconds.
    hookTimeout: 60_000,
    // A fixed zone makes the portal date form deterministic wherever the tests run.
    env: { TZ: 'UTC' },
  },
});
