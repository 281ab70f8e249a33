// Finds Redis's server for the tests of several office server processes (src/server/redis.test.ts,
// src/core/office/redis.test.ts), installs Debian's package where that is possible, as chromium.mjs
// does for the browser, and starts a private one for a test.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, isExecutable } from './proc.mjs';

const PACKAGE = 'redis-server';

/**
 * The `redis-server` executable: `BIENTAP_REDIS_SERVER` if set, else the first on PATH (or in
 * /usr/bin, /usr/sbin, where Debian puts it). Null when there is none.
 * @returns {string | null}
 */
export function findRedisServer() {
  const chosen = process.env.BIENTAP_REDIS_SERVER;
  if (chosen) return isExecutable(chosen) ? chosen : null;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/bin', '/usr/sbin'])) {
    if (dir && isExecutable(path.join(dir, 'redis-server'))) return path.join(dir, 'redis-server');
  }
  return null;
}

function isDebian() {
  return process.platform === 'linux' && existsSync('/etc/debian_version') && isExecutable('/usr/bin/apt-get');
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Finds `redis-server`, installing Debian's package when running as root on Debian (unless
 * BIENTAP_NO_APT=1). Never throws: without one the test that needs it is skipped and says why.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {{ path: string } | { problem: string }}
 */
export function ensureRedisServer({ log = console.log } = {}) {
  const found = findRedisServer();
  if (found) return { path: found };
  if (!isDebian()) return { problem: `no redis-server on PATH and this is not Debian (no apt-get).` };
  if (!isRoot()) return { problem: `no redis-server; run: sudo apt-get install -y --no-install-recommends ${PACKAGE}` };
  if (process.env.BIENTAP_NO_APT === '1')
    return { problem: 'no redis-server and BIENTAP_NO_APT=1 forbids installing it.' };
  log(`No redis-server found; installing Debian’s ${PACKAGE} package…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (/** @type {string[]} */ args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status ?? 1;
  const install = ['install', '-y', '--no-install-recommends', PACKAGE];
  // A fresh image has no package lists yet; update only when the first attempt needs it.
  if (apt(install) !== 0) {
    apt(['update']);
    apt(install);
  }
  const installed = findRedisServer();
  return installed ? { path: installed } : { problem: `apt-get install ${PACKAGE} did not bring redis-server.` };
}

/**
 * A private Redis for a test: on loopback, on `port` (default a free one), keeping nothing on disk.
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ url: string, port: number, stop(): Promise<void> }>}
 */
export async function startRedis({ port } = {}) {
  const server = findRedisServer();
  if (!server) throw new Error('redis-server is not installed.');
  const chosen = port ?? (await freePort());
  const child = spawn(
    server,
    ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmpdir()],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  await new Promise((done, fail) => {
    child.stdout.on('data', (/** @type {Buffer} */ chunk) => {
      out += chunk.toString('utf8');
      if (out.includes('Ready to accept connections')) done(undefined);
    });
    child.once('exit', () => fail(new Error(`redis-server did not start: ${out}`)));
  });
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    stop: () =>
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise((done) => {
            child.once('exit', () => done(undefined));
            child.kill('SIGKILL');
          }),
  };
}
