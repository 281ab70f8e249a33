// `npm test`: type-check, lint, unit and integration tests, end-to-end specs. Every suite runs even
// when an earlier one fails, and the last line sums them all: `N passed, N failed`.
//
//   npm test                  all suites
//   npm test -- unit e2e      only the named suites (typecheck, lint, unit, wordpress, e2e)
//
// The wordpress suite (and e2e, which publishes to it) gets a real WordPress started here once
// (scripts/lib/wordpress.mjs) and stopped at the end. Where one cannot be brought up the wordpress
// suite is skipped and says why, unless BIENTAP_REQUIRE_WORDPRESS=1 (CI) makes that a failure.
// The unit suite's test of several server processes needs Redis's server: Debian's redis-server is
// installed first when missing (as root), else that test is skipped and says why.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium } from './lib/chromium.mjs';
import { playwrightCounts, readJson, settle, vitestCounts } from './lib/counts.mjs';
import { packageBin, ROOT, run } from './lib/proc.mjs';
import { ensureRedisServer } from './lib/redis.mjs';
import { lint } from './lint/run.mjs';
import { typecheck } from './typecheck.mjs';
import { startWordPress } from './lib/wordpress.mjs';

const OUTPUT = path.join(ROOT, '.test-output');

/** @typedef {import('./lib/counts.mjs').Counts & { skipped?: string }} Counts  skipped: why the suite did not run */

/** The test WordPress: started by the first suite that needs it, stopped when the run ends. */
const wordpress = {
  /** @type {import('./lib/wordpress.mjs').WordPress | null} */
  site: null,
  /** @type {string | null} why it could not be started */
  problem: null,
  async ensure() {
    if (this.site || this.problem) return;
    try {
      this.site = await startWordPress({ log: (line) => console.log(line) });
    } catch (error) {
      this.problem = /** @type {Error} */ (error).message;
      console.log(`WordPress could not be started: ${this.problem}`);
    }
  },
  /** @returns {NodeJS.ProcessEnv} the environment the suites run in, with the site's address and login */
  env() {
    if (!this.site) return process.env;
    return {
      ...process.env,
      BIENTAP_WP_URL: this.site.url,
      BIENTAP_WP_USER: this.site.user,
      BIENTAP_WP_APP_PASSWORD: this.site.appPassword,
    };
  },
  async stop() {
    const site = this.site;
    this.site = null;
    await site?.stop();
  },
};

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
  async wordpress() {
    await wordpress.ensure();
    if (!wordpress.site) {
      const why = (wordpress.problem ?? 'unknown reason').replace(/\.$/, '');
      if (process.env.BIENTAP_REQUIRE_WORDPRESS === '1') {
        console.log(`BIENTAP_REQUIRE_WORDPRESS=1: the wordpress suite counts as failed (${why}).`);
        return { passed: 0, failed: 1 };
      }
      console.log(`Skipped: the wordpress suite needs a local WordPress (${why}).`);
      return { passed: 0, failed: 0, skipped: why };
    }
    const file = path.join(OUTPUT, 'wordpress.json');
    rmSync(file, { force: true });
    const vitest = packageBin('vitest', 'vitest.mjs');
    const { code } = await run(
      process.execPath,
      [
        vitest,
        'run',
        '--config',
        'vitest.wp.config.ts',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${file}`,
      ],
      { env: wordpress.env() },
    );
    return settle(vitestCounts(readJson(file)), code);
  },
  async e2e() {
    const file = path.join(OUTPUT, 'e2e.json');
    rmSync(file, { force: true });
    const playwright = packageBin('@playwright/test', 'cli.js');
    // A spec that publishes finds the site in BIENTAP_WP_URL; without one it has nothing to publish to.
    await wordpress.ensure();
    const { code } = await run(process.execPath, [playwright, 'test'], { env: wordpress.env() });
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

/** The unit setup step: Redis's server for the test of several server processes (skipped, saying why, without one). */
function setUpRedis() {
  const redis = ensureRedisServer();
  if ('path' in redis) console.log(`Redis server for the unit suite: ${redis.path}`);
  else console.log(`The unit suite's test of several server processes will be skipped: ${redis.problem}`);
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
  if (names.includes('unit')) setUpRedis();

  // Ctrl-C or a kill still stops MariaDB and php cleanly.
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      void wordpress.stop().finally(() => process.exit(130));
    });
  }

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
  // Each suite catches its own failure above, so this always runs.
  await wordpress.stop();

  console.log('\n━━ summary ━━');
  for (const [name, { passed, failed, skipped }, ms] of results) {
    const note = skipped ? `  skipped: ${skipped}` : '';
    console.log(`${name.padEnd(10)} ${passed} passed, ${failed} failed  (${(ms / 1000).toFixed(1)} s)${note}`);
  }
  const passed = results.reduce((sum, [, counts]) => sum + counts.passed, 0);
  const failed = results.reduce((sum, [, counts]) => sum + counts.failed, 0);
  // A suite skipped for a stated reason (no WordPress here) is not one that silently ran nothing.
  const empty = results
    .filter(([, counts]) => counts.passed + counts.failed === 0 && !counts.skipped)
    .map(([name]) => name);
  // A suite that ran nothing proves nothing: treat it as a failure rather than a silent pass.
  if (empty.length) console.log(`No tests ran in: ${empty.join(', ')}`);
  const totalFailed = failed + empty.length;
  console.log(`${passed} passed, ${totalFailed} failed`);
  process.exitCode = totalFailed ? 1 : 0;
}

await main();
