#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .electron-native/<electron version>/, apart from
// node_modules: the copy there is built for Node and serves the tests and the web host. In a
// temporary copy of the package, only when missing: the prebuilt binary better-sqlite3 publishes
// for this Electron (prebuild-install) when it can be fetched, else compiled with node-gyp against
// Electron's headers (which needs a C++ toolchain, named in the README). Never run from
// postinstall: offline it would fail `npm install`.
//
//   node scripts/electron-native.mjs     prints the path of the built module
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { electronVersion } from './lib/electron.mjs';
import { ROOT } from './lib/project.mjs';

const HEADERS_URL = 'https://electronjs.org/headers';
const HEADERS_TIMEOUT_MS = 3 * 60_000;
const COMPILE_TIMEOUT_MS = 20 * 60_000;

export class ElectronNativeError extends Error {
  /**
   * @param {'headers' | 'compile'} stage
   * @param {string} message
   * @param {string} log
   */
  constructor(stage, message, log) {
    super(message);
    this.name = 'ElectronNativeError';
    this.stage = stage;
    this.log = log;
  }
}

/** @param {string} [version] */
export function electronNativePath(version = electronVersion()) {
  return join(ROOT, '.electron-native', version, 'better_sqlite3.node');
}

const PREBUILD_TIMEOUT_MS = 2 * 60_000;

/**
 * Runs node-gyp, appending its output to the log; resolves with its exit code, or 'timeout'.
 * @param {string[]} args
 * @param {string} cwd
 * @param {import('node:fs').WriteStream} log
 * @param {number} timeoutMs
 * @returns {Promise<number | 'timeout'>}
 */
function nodeGyp(args, cwd, log, timeoutMs) {
  return runTool('node-gyp/bin/node-gyp.js', args, cwd, log, timeoutMs);
}

/**
 * Runs a tool from node_modules the same way.
 * @param {string} script path inside node_modules
 * @param {string[]} args
 * @param {string} cwd
 * @param {import('node:fs').WriteStream} log
 * @param {number} timeoutMs
 * @returns {Promise<number | 'timeout'>}
 */
function runTool(script, args, cwd, log, timeoutMs) {
  const bin = join(ROOT, 'node_modules', script);
  log.write(`\n$ ${script} ${args.join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const timer = setTimeout(() => {
      try {
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
      resolve('timeout');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      log.write(`${String(error)}\n`);
      resolve(1);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

/**
 * Copies the module into place: written beside, then renamed, so a half-copied module is never taken
 * for a finished one.
 * @param {string} built
 * @param {string} target
 */
function keep(built, target) {
  const partial = `${target}.${process.pid}.partial`;
  copyFileSync(built, partial);
  renameSync(partial, target);
  return target;
}

/**
 * The path of better_sqlite3.node built for this project's Electron, building it first if needed.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<string>}
 */
export async function ensureElectronNative({ log: say = console.log } = {}) {
  const version = electronVersion();
  const target = electronNativePath(version);
  if (existsSync(target)) return target;

  const folder = dirname(target);
  mkdirSync(folder, { recursive: true });
  const logPath = join(folder, 'build.log');
  const log = createWriteStream(logPath);
  const devdir = join(homedir(), '.electron-gyp');
  const common = [`--target=${version}`, `--dist-url=${HEADERS_URL}`, `--devdir=${devdir}`, `--arch=${process.arch}`];
  const work = mkdtempSync(join(tmpdir(), 'bientap-electron-native-'));
  try {
    const source = join(ROOT, 'node_modules/better-sqlite3');
    const copy = join(work, 'better-sqlite3');
    // The package's own build/ is the Node build; the copy starts clean.
    cpSync(source, copy, {
      recursive: true,
      filter: (path) => !(dirname(path) === source && basename(path) === 'build'),
    });

    const built = join(copy, 'build/Release/better_sqlite3.node');
    say(`Đang tải bản dựng sẵn của better-sqlite3 cho Electron ${version}… / Fetching the prebuilt better-sqlite3…`);
    const prebuilt = await runTool(
      'prebuild-install/bin.js',
      [
        '--runtime=electron',
        `--target=${version}`,
        `--arch=${process.arch}`,
        `--platform=${process.platform}`,
        '--verbose',
      ],
      copy,
      log,
      PREBUILD_TIMEOUT_MS,
    );
    if (prebuilt === 0 && existsSync(built)) return keep(built, target);
    say('Không có bản dựng sẵn: biên dịch từ mã nguồn. / No prebuilt binary: compiling from source.');

    say(`Đang tải header của Electron ${version}… / Fetching Electron ${version} headers…`);
    const headers = await nodeGyp(['install', '--ensure', ...common], copy, log, HEADERS_TIMEOUT_MS);
    if (headers !== 0) {
      throw new ElectronNativeError(
        'headers',
        `Không tải được bộ header của Electron ${version} từ ${HEADERS_URL}, nên không dựng được better-sqlite3 cho Electron ` +
          `(cần mạng tới electronjs.org). Chi tiết: ${logPath}\n` +
          `Could not fetch the Electron ${version} headers from ${HEADERS_URL}, so better-sqlite3 cannot be built for Electron ` +
          `(network access to electronjs.org is needed). Details: ${logPath}`,
        logPath,
      );
    }

    say(
      'Đang dựng better-sqlite3 cho Electron (chỉ lần đầu, vài phút)… / Building better-sqlite3 for Electron (first run only)…',
    );
    const build = await nodeGyp(
      ['rebuild', '--release', '--runtime=electron', ...common],
      copy,
      log,
      COMPILE_TIMEOUT_MS,
    );
    if (build !== 0 || !existsSync(built)) {
      throw new ElectronNativeError(
        'compile',
        `Dựng better-sqlite3 cho Electron ${version} bị lỗi${build === 'timeout' ? ' (quá thời gian)' : ''}. Chi tiết: ${logPath}\n` +
          `Building better-sqlite3 for Electron ${version} failed${build === 'timeout' ? ' (timed out)' : ''}. Details: ${logPath}`,
        logPath,
      );
    }
    return keep(built, target);
  } finally {
    log.end();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(await ensureElectronNative({ log: (line) => console.error(line) }));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
