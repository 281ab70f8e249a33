#!/usr/bin/env node
// `npm start [-- --demo] [--data DIR] [--port N]`: builds if needed and opens the desktop app.
// Where Electron cannot run (its runtime cannot be downloaded, no display, SQLite cannot be
// built for it), it says so in one paragraph and serves the same workstation in the browser.
import { ElectronNativeError, ensureElectronNative } from './electron-native.mjs';
import { resolveElectronBinary } from './lib/electron.mjs';
import { fallbackNotice } from './lib/notice.mjs';
import { buildIfNeeded, ROOT, supervise } from './lib/project.mjs';
import { choosePort, defaultDataDir, launchOptions, serveInBrowser } from './lib/webhost.mjs';

const USAGE = 'Cách dùng / Usage: npm start [-- --demo] [--data THƯ_MỤC] [--port SỐ]';

/**
 * Why the desktop app cannot open here, or the Electron binary and SQLite module to open it with.
 * @returns {Promise<{ ok: true; binary: string; binding: string } | { ok: false; reason: import('./lib/notice.mjs').FallbackReason; log?: string }>}
 */
async function desktopRuntime() {
  const electron = await resolveElectronBinary();
  if (!electron.ok) {
    if (process.env.BIENTAP_DEBUG) console.error(electron.detail);
    return { ok: false, reason: electron.reason };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'display' };
  }
  try {
    return { ok: true, binary: electron.path, binding: await ensureElectronNative() };
  } catch (error) {
    if (error instanceof ElectronNativeError) return { ok: false, reason: error.stage, log: error.log };
    throw error;
  }
}

async function main() {
  const { demo, data, port } = launchOptions(USAGE);
  const dataDir = data ?? defaultDataDir();

  const runtime = await desktopRuntime();
  if (runtime.ok) {
    await buildIfNeeded('desktop');
    /** @type {NodeJS.ProcessEnv} */
    const env = { ...process.env, BIENTAP_SQLITE_BINDING: runtime.binding };
    // Set by some tools (editors, CI); it would make the binary a plain Node.
    delete env.ELECTRON_RUN_AS_NODE;
    if (data) env.BIENTAP_DATA_DIR = data;
    return supervise(runtime.binary, ['.', ...(demo ? ['--demo'] : [])], { stdio: 'inherit', env, cwd: ROOT });
  }

  await buildIfNeeded('renderer');
  console.log(`\n${fallbackNotice(runtime.reason, runtime.log)}\n`);
  return serveInBrowser({ dataDir, port: port ?? (await choosePort()), demo });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
