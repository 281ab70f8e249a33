// Finds a Chromium the end-to-end tests can drive, and installs Debian's package where that is
// possible. Playwright's own download is never attempted: it needs a host this may not reach.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isExecutable } from './proc.mjs';

/** Flags that keep a system Chromium quiet and offline inside a container or CI runner. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** @typedef {{ path: string | undefined, source: string }} Chromium  path undefined = Playwright's own browser */

const CANDIDATES = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  win32: [
    `${process.env.PROGRAMFILES ?? 'C:\\Program Files'}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)'}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env.LOCALAPPDATA ?? ''}\\Google\\Chrome\\Application\\chrome.exe`,
  ],
};

/** Playwright's downloaded Chromium, if an earlier `npx playwright install chromium` put one there. */
function playwrightChromium() {
  try {
    const require = createRequire(import.meta.url);
    /** @type {{ chromium: { executablePath(): string } }} */
    const playwright = require('playwright-core');
    const file = playwright.chromium.executablePath();
    return file && existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The browser to use: `BIENTAP_CHROMIUM` if set, else an installed Chrome/Chromium,
 * else Playwright's own browser. Null when there is none.
 * @returns {Chromium | null}
 */
export function findChromium() {
  const chosen = process.env.BIENTAP_CHROMIUM;
  if (chosen) {
    if (!isExecutable(chosen)) throw new Error(`BIENTAP_CHROMIUM=${chosen} is not an executable file.`);
    return { path: chosen, source: 'BIENTAP_CHROMIUM' };
  }
  const candidates = CANDIDATES[/** @type {keyof typeof CANDIDATES} */ (process.platform)] ?? [];
  const system = candidates.find(isExecutable);
  if (system) return { path: system, source: 'installed' };
  const bundled = playwrightChromium();
  if (bundled) return { path: undefined, source: `Playwright (${bundled})` };
  return null;
}

function isDebian() {
  return process.platform === 'linux' && existsSync('/etc/debian_version') && isExecutable('/usr/bin/apt-get');
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The one instruction a person needs when no browser can be found or installed. */
export function chromiumInstruction() {
  if (isDebian()) {
    const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
    const ubuntu = /^ID=ubuntu/m.test(osRelease);
    return [
      'No Chromium or Chrome was found for the end-to-end tests. Install one, then run npm test again:',
      '',
      ubuntu ? '    sudo apt-get install -y chromium-browser' : '    sudo apt-get install -y chromium',
      '',
      'or point BIENTAP_CHROMIUM at an existing Chrome/Chromium executable.',
    ].join('\n');
  }
  return [
    'No Chromium or Chrome was found for the end-to-end tests. Install Google Chrome or Chromium,',
    'or point BIENTAP_CHROMIUM at an existing Chrome/Chromium executable, or (with internet access) run:',
    '',
    '    npx playwright install chromium',
    '',
    'then run npm test again.',
  ].join('\n');
}

/**
 * @typedef {object} Platform
 * @property {() => Chromium | null} find
 * @property {() => boolean} debian
 * @property {() => boolean} root
 * @property {(args: string[]) => number} aptGet runs apt-get, returns its exit status
 */

/** @type {Platform} */
const SYSTEM = {
  find: findChromium,
  debian: isDebian,
  root: isRoot,
  aptGet: (args) =>
    spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
      .status ?? 1,
};

/**
 * Finds a browser, installing Debian's `chromium` when running as root on Debian.
 * @param {{ log?: (line: string) => void, platform?: Platform }} [options]
 * @returns {Chromium}
 */
export function ensureChromium({ log = console.log, platform = SYSTEM } = {}) {
  const found = platform.find();
  if (found) return found;
  if (platform.debian() && platform.root() && process.env.BIENTAP_NO_APT !== '1') {
    log('No Chromium found; installing Debian’s chromium package (about a minute)…');
    // A fresh image has no package lists yet; update only when the first attempt needs it.
    if (platform.aptGet(['install', '-y', 'chromium']) !== 0) {
      platform.aptGet(['update']);
      platform.aptGet(['install', '-y', 'chromium']);
    }
    const installed = platform.find();
    if (installed) return installed;
  }
  throw new Error(chromiumInstruction());
}
