import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ROOT } from './project.mjs';

export { ROOT };

/**
 * Path of a locally installed package binary, run through this Node so it works on every OS.
 * @param {string} pkg package name
 * @param {string} bin path of its CLI file inside the package
 */
export function packageBin(pkg, bin) {
  return path.join(ROOT, 'node_modules', pkg, bin);
}

/**
 * Runs a command, streaming its output, and resolves with its exit code (1 when killed by a signal).
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, capture?: boolean, quiet?: boolean }} [options]
 * @returns {Promise<{ code: number, output: string }>}
 */
export function run(command, args, { env, capture = false, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: env ?? process.env,
      stdio: capture || quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    /** @param {Buffer} chunk */
    const collect = (chunk) => {
      if (capture) output += chunk.toString();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * True when the module with this URL is the script Node was started with.
 * @param {string} moduleUrl import.meta.url of the caller
 */
export function isMain(moduleUrl) {
  return Boolean(process.argv[1]) && path.resolve(process.argv[1] ?? '') === fileURLToPath(moduleUrl);
}

/** @param {string} file */
export function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @returns {Promise<number>} a port that was free a moment ago on 127.0.0.1 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
