// Finding the Electron binary without hanging. The `electron` package resolves its path on
// require, and when the binary is missing it downloads it right there; offline that fails, and
// behind a firewall that drops packets it could wait forever. So it is asked in a child
// process that is killed after a timeout.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './project.mjs';

export const RESOLVE_TIMEOUT_MS = Number(process.env.BIENTAP_ELECTRON_TIMEOUT_MS) || 120_000;
const MARKER = 'BIENTAP_ELECTRON_PATH=';

/** The Electron version this project builds against (node_modules/electron). */
export function electronVersion() {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8'));
  return /** @type {string} */ (manifest.version);
}

/**
 * @typedef {{ ok: true; path: string } | { ok: false; reason: 'download' | 'timeout'; detail: string }} ElectronLookup
 */

/**
 * @param {number} [timeoutMs]
 * @returns {Promise<ElectronLookup>}
 */
export function resolveElectronBinary(timeoutMs = RESOLVE_TIMEOUT_MS) {
  const script = `process.stdout.write('\\n${MARKER}' + require('electron') + '\\n')`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script], {
      cwd: ROOT,
      // Its own process group, so the timeout also ends the downloader it may have started.
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      try {
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
      resolve({ ok: false, reason: 'timeout', detail: output.trim() });
    }, timeoutMs);
    const finish = (/** @type {number | null} */ code) => {
      clearTimeout(timer);
      const line = output.split('\n').find((candidate) => candidate.startsWith(MARKER));
      const path = line?.slice(MARKER.length).trim();
      if (code === 0 && path && existsSync(path)) resolve({ ok: true, path });
      else resolve({ ok: false, reason: 'download', detail: output.trim() });
    };
    child.once('error', (error) => {
      output += String(error);
      finish(null);
    });
    child.once('exit', finish);
  });
}
