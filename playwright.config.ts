import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumInstruction, findChromium } from './scripts/lib/chromium.mjs';

const target = process.env.E2E_TARGET === 'electron' ? 'electron' : 'web';
const chromium = target === 'web' ? findChromium() : null;
// Playwright's own message would suggest a download that cannot work offline; say what does.
if (target === 'web' && !chromium) throw new Error(chromiumInstruction());

export default defineConfig({
  testDir: 'e2e',
  outputDir: '.test-output/e2e',
  globalSetup: './e2e/support/global-setup.ts',
  // Each spec starts its own host and database; one at a time keeps a two-core machine honest about timing.
  workers: Number(process.env.E2E_WORKERS ?? 1),
  fullyParallel: false,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.test-output/e2e.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    launchOptions: { executablePath: chromium?.path, args: CHROMIUM_ARGS },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
