import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';

/** out/main, where this file is bundled to. */
const here = dirname(fileURLToPath(import.meta.url));

export const PRELOAD_PATH = join(here, '../preload/index.cjs');
/** The core process's entry, built beside this one (src/coreprocess/index.ts). */
export const CORE_PROCESS_PATH = join(here, 'core.js');
/** The built renderer, served as app://bientap/ (app-protocol.ts). */
export const RENDERER_ROOT = join(here, '../renderer');

/** Set by `electron-vite dev`; never honoured in a packaged app. */
export function devServerUrl(): string | undefined {
  return app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
}

export function dataDirectory(): string {
  return process.env.BIENTAP_DATA_DIR ? resolve(process.env.BIENTAP_DATA_DIR) : app.getPath('userData');
}

/**
 * With an explicit data folder, Chromium's profile (and the single-instance lock in it) moves
 * inside it: one app per database, so two data folders — two test runs, say — can be open at
 * once, while two windows on one database cannot. Must run before the app is ready.
 */
export function keepProfileWithData(): void {
  if (process.env.BIENTAP_DATA_DIR)
    app.setPath('userData', join(resolve(process.env.BIENTAP_DATA_DIR), 'electron-profile'));
}

/**
 * better-sqlite3 built for Electron's ABI. node_modules holds the Node build (for tests and the
 * web host), so the desktop app always names its own copy: from `npm start`, from the
 * packaged resources, or the one scripts/electron-native.mjs left in the project.
 */
export function sqliteBinding(): string | undefined {
  // Only the app's own copy in an installed app: an environment variable that loads native code is the
  // hole the NODE_OPTIONS fuse closes.
  if (app.isPackaged) return join(process.resourcesPath, 'native', 'better_sqlite3.node');
  if (process.env.BIENTAP_SQLITE_BINDING) return process.env.BIENTAP_SQLITE_BINDING;
  const version = process.versions.electron;
  if (!version) return undefined;
  const local = join(here, '../..', '.electron-native', version, 'better_sqlite3.node');
  return existsSync(local) ? local : undefined;
}
