// Shared by the launch scripts: where the project is, running child processes, and building
// the app with electron-vite only when its output is missing or older than its sources.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const FORWARDED_SIGNALS = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);

/**
 * Runs a command to completion with the given stdio; resolves with its exit code.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} [options]
 * @returns {Promise<number>}
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + signalNumber(signal) : 1)));
  });
}

/** @param {NodeJS.Signals} signal */
function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[/** @type {string} */ (signal)] ?? 0;
}

/**
 * Starts a long-running child (the desktop app or the web host) and stays with it: Ctrl-C and
 * termination signals go to the child, which decides how to shut down, and this process exits
 * with the child's code. On POSIX the child gets its own process group, so a Ctrl-C in the
 * terminal reaches it once (from us), not twice.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} options
 * @param {(child: import('node:child_process').ChildProcess) => void} [onSpawn]
 * @returns {Promise<number>}
 */
export function supervise(command, args, options, onSpawn) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, detached: process.platform !== 'win32', ...options });
    /** @type {Map<NodeJS.Signals, () => void>} */
    const handlers = new Map();
    for (const signal of FORWARDED_SIGNALS) {
      const handler = () => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      };
      handlers.set(signal, handler);
      process.on(signal, handler);
    }
    const stopForwarding = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
    // If this process ends anyway, it takes the child with it rather than leaving it running.
    const killChild = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    };
    process.once('exit', killChild);
    child.once('error', (error) => {
      stopForwarding();
      process.off('exit', killChild);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      stopForwarding();
      process.off('exit', killChild);
      resolve(code ?? (signal ? 128 + signalNumber(signal) : 1));
    });
    onSpawn?.(child);
  });
}

/**
 * The newest modification time of a file or of any file below a folder (0 when missing).
 * @param {string} path
 * @returns {number}
 */
export function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/**
 * True when an output is missing or some input changed after the oldest output was written.
 * @param {string[]} outputs files the build writes
 * @param {string[]} inputs files or folders it reads
 */
export function isStale(outputs, inputs) {
  if (outputs.some((output) => !existsSync(output))) return true;
  const oldestOutput = Math.min(...outputs.map((output) => statSync(output).mtimeMs));
  return inputs.some((input) => newestMtime(input) > oldestOutput);
}

const CONFIG_INPUTS = ['electron.vite.config.ts', 'package.json', 'package-lock.json'];

/** What each consumer needs built, and what that output is made from. */
export const BUILD_TARGETS = {
  /** The desktop app: main, preload and renderer. The web host's own code is not part of it. */
  desktop: {
    outputs: ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'],
    inputs: ['src/main', 'src/preload', 'src/renderer', 'src/shared', 'src/core', 'fixtures', ...CONFIG_INPUTS],
  },
  /** The browser mode serves only the built renderer; the web host runs from source. */
  renderer: {
    outputs: ['out/renderer/index.html'],
    inputs: ['src/renderer', 'src/shared', ...CONFIG_INPUTS],
  },
};

/**
 * Builds with electron-vite when the target's output is missing or stale. A full build takes
 * a while on a small machine; skipping it when nothing changed keeps a restart immediate, and
 * the time check means an edited source is never served from an old build.
 * @param {keyof typeof BUILD_TARGETS} target
 */
export async function buildIfNeeded(target) {
  const { outputs, inputs } = BUILD_TARGETS[target];
  const at = (/** @type {string} */ path) => join(ROOT, path);
  if (!isStale(outputs.map(at), inputs.map(at))) return;
  console.log('Đang dựng ứng dụng (electron-vite build)… / Building the app…');
  const code = await run(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
  if (code !== 0) {
    throw new Error(
      `Dựng ứng dụng thất bại (electron-vite build, mã ${code}). / The build failed (exit code ${code}).`,
    );
  }
}
