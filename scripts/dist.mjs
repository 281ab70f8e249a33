#!/usr/bin/env node
// `npm run dist [-- --linux | --win]`: builds the app and its Electron-ABI SQLite module, then
// packages them with electron-builder (electron-builder.yml). Needs what packaging always
// needs: the Electron runtime and Electron's headers, both downloaded; it stops with a clear
// message when either cannot be had.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ElectronNativeError, ensureElectronNative } from './electron-native.mjs';
import { electronVersion, resolveElectronBinary } from './lib/electron.mjs';
import { ROOT, run } from './lib/project.mjs';

/** The file electron-builder.yml copies into the package's resources. */
const STAGED_MODULE = join(ROOT, '.electron-native/package/better_sqlite3.node');

const HOST_FLAG = /** @type {Record<string, string>} */ ({ linux: '--linux', win32: '--win', darwin: '--mac' });
const OS_NAME = /** @type {Record<string, string>} */ ({ '--linux': 'Linux', '--win': 'Windows', '--mac': 'macOS' });

/** @param {string} message */
function stop(message) {
  console.error(message);
  process.exit(1);
}

async function main() {
  const args = process.argv.slice(2);
  const hostFlag = HOST_FLAG[process.platform];
  const foreign = Object.values(HOST_FLAG)
    .filter((flag) => flag !== hostFlag && args.includes(flag))
    .map((flag) => OS_NAME[flag]);
  if (foreign.length > 0) {
    stop(
      `Chỉ đóng gói được cho hệ điều hành đang chạy (${process.platform}): SQLite phải được biên dịch trên chính hệ đó. ` +
        `Hãy chạy \`npm run dist\` trên một máy ${foreign.join(', ')}.\n` +
        `Packages can only be built for the running OS (${process.platform}): SQLite has to be compiled on it. ` +
        `Run \`npm run dist\` on a ${foreign.join(', ')} machine.`,
    );
  }

  const version = electronVersion();
  const electron = await resolveElectronBinary();
  if (!electron.ok) {
    stop(
      `Không có bộ chạy Electron ${version}: tải từ GitHub không được${electron.reason === 'timeout' ? ' (quá thời gian)' : ''}. ` +
        'Đóng gói cần tải Electron về; hãy chạy lại ở nơi có mạng tới github.com (hoặc đặt ELECTRON_OVERRIDE_DIST_PATH).\n' +
        `The Electron ${version} runtime is missing: it could not be downloaded from GitHub${electron.reason === 'timeout' ? ' in time' : ''}. ` +
        'Packaging needs it; run this where github.com is reachable (or set ELECTRON_OVERRIDE_DIST_PATH).',
    );
  }

  // A release is always built fresh, never from whatever out/ holds.
  if ((await run(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'])) !== 0) {
    stop('Dựng ứng dụng thất bại (electron-vite build). / The build failed (electron-vite build).');
  }

  try {
    const module = await ensureElectronNative();
    mkdirSync(dirname(STAGED_MODULE), { recursive: true });
    copyFileSync(module, STAGED_MODULE);
  } catch (error) {
    if (error instanceof ElectronNativeError) stop(error.message);
    throw error;
  }

  const builder = join(ROOT, 'node_modules/electron-builder/cli.js');
  const targets = args.some((arg) => Object.values(HOST_FLAG).includes(arg)) ? args : [hostFlag ?? '--linux', ...args];
  const code = await run(process.execPath, [builder, '--config', 'electron-builder.yml', ...targets]);
  if (code !== 0) stop(`electron-builder dừng với mã ${code}. / electron-builder exited with code ${code}.`);
  console.log(`Gói cài đặt nằm trong dist/. / The packages are in dist/.`);
}

main().catch((error) => stop(error instanceof Error ? error.message : String(error)));
