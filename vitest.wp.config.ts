import { defineConfig } from 'vitest/config';

/**
 * The WordPress integration tests (`src/**\/*.wp.test.ts`), against a real WordPress: the one named
 * by BIENTAP_WP_URL, BIENTAP_WP_USER and BIENTAP_WP_APP_PASSWORD (what `npm test -- wordpress`
 * starts and exports), else one the global setup starts for this run.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.wp.test.ts'],
    environment: 'node',
    // The temp folders a test file shared (the seeded template) go when it ends.
    setupFiles: ['src/core/testCleanup.ts'],
    pool: 'forks',
    // One site for every file: files one after another keep their post counts their own.
    fileParallelism: false,
    globalSetup: ['scripts/wordpress/vitest-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { TZ: 'UTC' },
  },
});
