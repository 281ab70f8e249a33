// The browser mode, shared by `npm start` (when Electron is unavailable) and `npm run web`:
// the default data folder, a port, and the web host process whose URL is relayed to the user.
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { supervise } from './project.mjs';

export const DEFAULT_PORT = 5710;

/**
 * Where browser mode keeps its database when no `--data` is given: BIENTAP_DATA_DIR if set,
 * else the platform's per-user data folder.
 * @param {NodeJS.ProcessEnv} [env]
 * @param {NodeJS.Platform} [platform]
 * @param {string} [home]
 */
export function defaultDataDir(env = process.env, platform = process.platform, home = homedir()) {
  if (env.BIENTAP_DATA_DIR) return env.BIENTAP_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'bientap');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'bientap');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'bientap');
}

/**
 * The preferred port when it is free on 127.0.0.1, otherwise 0 (the web host picks one).
 * @param {number} [preferred]
 * @returns {Promise<number>}
 */
export function choosePort(preferred = DEFAULT_PORT) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(0));
    probe.listen({ host: '127.0.0.1', port: preferred, exclusive: true }, () => probe.close(() => resolve(preferred)));
  });
}

/**
 * The line the web host prints once it listens, or null.
 * @param {string} line
 */
export function urlFromLine(line) {
  const match = /^BIENTAP_URL=(\S+)\s*$/.exec(line);
  return match ? (match[1] ?? null) : null;
}

/**
 * Runs the web host until it exits (Ctrl-C stops it), relaying its output and announcing its URL.
 * @param {{ dataDir: string; port: number | string; demo: boolean }} options
 * @returns {Promise<number>} the web host's exit code
 */
export function serveInBrowser({ dataDir, port, demo }) {
  // Lexical's production build, as the renderer's bundle has it (its development build checks more and runs slower).
  const args = [
    '--conditions=production',
    '--import',
    'tsx',
    'src/webhost/main.ts',
    '--data',
    dataDir,
    '--port',
    String(port),
  ];
  if (demo) args.push('--demo');
  return supervise(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] }, (child) => {
    if (!child.stdout) return;
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => {
      // The machine-readable URL line is for scripts; people get it in words.
      const url = urlFromLine(line);
      if (url) console.log(`\nMở trình duyệt tại: ${url}\n(Open in your browser: ${url} — Ctrl+C để dừng / to stop)\n`);
      else console.log(line);
    });
  });
}

/**
 * The options `npm start` and `npm run web` share; a wrong one prints the usage and exits 2.
 * @param {string} usage
 * @returns {{ demo: boolean; data?: string; port?: string }}
 */
export function launchOptions(usage) {
  try {
    return parseArgs({
      options: { demo: { type: 'boolean', default: false }, data: { type: 'string' }, port: { type: 'string' } },
    }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${usage}`);
    process.exit(2);
  }
}
