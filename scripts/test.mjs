// `npm test`: type-check, lint, unit and integration tests, end-to-end specs. Every suite runs even
// when an earlier one fails, and the last line sums them all: `N passed, N failed`.
//
//   npm test                  all suites
//   npm test -- unit e2e      only the named suites (typecheck, lint, unit, e2e)
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium } from './lib/chromium.mjs';
import { playwrightCounts, readJson, settle, vitestCounts } from './lib/counts.mjs';
import { packageBin, ROOT, run } from './lib/proc.mjs';
import { lint } from './lint/run.mjs';
import { typecheck } from './typecheck.mjs';

const OUTPUT = path.join(ROOT, '.test-output');

/** @typedef {import('./lib/counts.mjs').Counts} Counts */

/** @type {Record<string, () => Promise<Counts>>} */
const SUITES = {
  typecheck: () => typecheck(),
  lint: () => lint(),
  async unit() {
    const file = path.join(OUTPUT, 'vitest.json');
    rmSync(file, { force: true });
    const vitest = packageBin('vitest', 'vitest.mjs');
    const { code } = await run(process.execPath, [
      vitest,
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${file}`,
    ]);
    return settle(vitestCounts(readJson(file)), code);
  },
  async e2e() {
    const file = path.join(OUTPUT, 'e2e.json');
    rmSync(file, { force: true });
    const playwright = packageBin('@playwright/test', 'cli.js');
    const { code } = await run(process.execPath, [playwright, 'test']);
    return settle(playwrightCounts(readJson(file)), code);
  },
};

/** The e2e setup step: find or install a browser before spending minutes on the other suites. */
function setUpBrowser() {
  if (process.env.E2E_TARGET === 'electron') return;
  try {
    const chromium = ensureChromium();
    console.log(`End-to-end browser: ${chromium.path ?? chromium.source} (${chromium.source})`);
  } catch (error) {
    console.error(`\n${/** @type {Error} */ (error).message}`);
    process.exit(1);
  }
}

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in SUITES));
  if (unknown.length) {
    console.error(`Unknown suite: ${unknown.join(', ')}. Suites: ${Object.keys(SUITES).join(', ')}.`);
    process.exit(2);
  }
  const names = wanted.length ? wanted : Object.keys(SUITES);
  mkdirSync(OUTPUT, { recursive: true });
  if (!existsSync(path.join(ROOT, 'node_modules'))) {
    console.error('node_modules is missing: run npm install first.');
    process.exit(1);
  }
  if (names.includes('e2e')) setUpBrowser();

  /** @type {[string, Counts, number][]} */
  const results = [];
  for (const name of names) {
    console.log(`\n━━ ${name} ━━`);
    const started = Date.now();
    let counts;
    try {
      counts = await /** @type {() => Promise<Counts>} */ (SUITES[name])();
    } catch (error) {
      console.error(error);
      counts = { passed: 0, failed: 1 };
    }
    results.push([name, counts, Date.now() - started]);
  }

  console.log('\n━━ summary ━━');
  for (const [name, { passed, failed }, ms] of results) {
    console.log(`${name.padEnd(10)} ${passed} passed, ${failed} failed  (${(ms / 1000).toFixed(1)} s)`);
  }
  const passed = results.reduce((sum, [, counts]) => sum + counts.passed, 0);
  const failed = results.reduce((sum, [, counts]) => sum + counts.failed, 0);
  const empty = results.filter(([, counts]) => counts.passed + counts.failed === 0).map(([name]) => name);
  // A suite that ran nothing proves nothing: treat it as a failure rather than a silent pass.
  if (empty.length) console.log(`No tests ran in: ${empty.join(', ')}`);
  const totalFailed = failed + empty.length;
  console.log(`${passed} passed, ${totalFailed} failed`);
  process.exitCode = totalFailed ? 1 : 0;
}

await main();
