import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { electronExecutable, E2E_TARGET } from './electron';
import { ROOT } from './host';

/** Builds the app once, so every spec serves the renderer and main that match the sources. */
export default function globalSetup(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  const cli = path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const build = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('electron-vite build failed; the end-to-end specs need the built app.');
  // The desktop app opens its database through an Electron-ABI copy of better-sqlite3.
  if (E2E_TARGET === 'electron' && electronExecutable()) {
    const native = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'electron-native.mjs')], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (native.status !== 0) throw new Error('Could not build better-sqlite3 for Electron; see the message above.');
  }
}
