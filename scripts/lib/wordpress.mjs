// A real WordPress for the integration tests, from Debian's packages: a private MariaDB on a socket
// in a fresh temporary folder, WordPress installed into it by a PHP script, served by `php -S`.
// Nothing here touches a system service; each start is independent of every other.
//
//   const wp = await startWordPress({ log: console.log });
//   … wp.url, wp.user, wp.appPassword …
//   await wp.stop();
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  accessSync,
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, isExecutable } from './proc.mjs';
import { ROOT } from './project.mjs';

const HERE = path.join(ROOT, 'scripts', 'wordpress');
export const WORDPRESS_ROOT = '/usr/share/wordpress';
/** Debian's wp-config.php loads /etc/wordpress/config-$WORDPRESS_CONFIG.php; router.php sets the name. */
export const CONFIG_FILE = '/etc/wordpress/config-bientap-test.php';
const PACKAGES = ['wordpress', 'php-cli', 'php-mysql', 'mariadb-server'];

/** @typedef {{ url: string, user: string, appPassword: string, dir: string, stop(): Promise<void> }} WordPress */

/** @param {string} name */
function which(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/sbin', '/usr/bin'])) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function isDebian() {
  return process.platform === 'linux' && existsSync('/etc/debian_version') && isExecutable('/usr/bin/apt-get');
}

/** What is missing of the packages, as the names of the Debian packages that bring it. */
function missingPackages() {
  /** @type {string[]} */
  const missing = [];
  if (!existsSync(path.join(WORDPRESS_ROOT, 'wp-load.php'))) missing.push('wordpress');
  const php = which('php');
  if (!php) missing.push('php-cli');
  else if (spawnSync(php, ['-r', 'exit(extension_loaded("mysqli") ? 0 : 1);']).status !== 0) missing.push('php-mysql');
  if (!which('mariadbd') || !which('mariadb-install-db')) missing.push('mariadb-server');
  return missing;
}

/** Null when the config file is in place or can be written; else why not. */
function configProblem() {
  const source = readFileSync(path.join(HERE, 'config.php'), 'utf8');
  if (existsSync(CONFIG_FILE) && readFileSync(CONFIG_FILE, 'utf8') === source) return null;
  if (!existsSync(path.dirname(CONFIG_FILE)) && isRoot()) return null;
  try {
    accessSync(path.dirname(CONFIG_FILE), constants.W_OK);
    return null;
  } catch {
    return `${CONFIG_FILE} is missing or outdated and ${path.dirname(CONFIG_FILE)} is not writable: run as root once, or copy scripts/wordpress/config.php there.`;
  }
}

/**
 * Why the test WordPress cannot run here, or null when it can: the packages are installed (or will be,
 * as root on Debian) and Debian's host config file can be put in place.
 * @returns {string | null}
 */
export function wordPressUnavailableReason() {
  if (process.platform !== 'linux') return `the test WordPress uses Debian's packages; this is ${process.platform}.`;
  const missing = missingPackages();
  if (missing.length) {
    if (!isDebian()) return `missing ${missing.join(', ')} and this is not Debian (no apt-get).`;
    if (!isRoot())
      return `missing Debian packages; run: sudo apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`;
    if (process.env.BIENTAP_NO_APT === '1')
      return `missing ${missing.join(', ')} and BIENTAP_NO_APT=1 forbids installing them.`;
    return null;
  }
  return configProblem();
}

/**
 * Installs the Debian packages when they are missing and this is root on Debian.
 * @param {(line: string) => void} log
 */
function ensurePackages(log) {
  const missing = missingPackages();
  if (!missing.length) return;
  const reason = wordPressUnavailableReason();
  if (reason) throw new Error(reason);
  log(`Installing Debian packages for the test WordPress: ${PACKAGES.join(' ')} (about a minute)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (/** @type {string[]} */ args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status ?? 1;
  const install = ['install', '-y', '--no-install-recommends', ...PACKAGES];
  // A fresh image has no package lists yet; update only when the first attempt needs it.
  if (apt(install) !== 0) {
    apt(['update']);
    if (apt(install) !== 0) throw new Error(`apt-get install ${PACKAGES.join(' ')} failed.`);
  }
  const still = missingPackages();
  if (still.length) throw new Error(`still missing after apt-get install: ${still.join(', ')}`);
}

/** Puts config.php where Debian's wp-config.php looks, when it is not already there as it is. */
function ensureConfig() {
  const source = readFileSync(path.join(HERE, 'config.php'), 'utf8');
  if (existsSync(CONFIG_FILE) && readFileSync(CONFIG_FILE, 'utf8') === source) return;
  const problem = configProblem();
  if (problem) throw new Error(problem);
  mkdirSync(path.dirname(CONFIG_FILE), { recursive: true });
  // Written whole then renamed: a concurrent run never reads half a file.
  const temp = `${CONFIG_FILE}.${process.pid}.tmp`;
  writeFileSync(temp, source, { mode: 0o644 });
  renameSync(temp, CONFIG_FILE);
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a command to completion, capturing its output.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
function exec(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/**
 * @param {string} file
 * @param {number} lines
 */
function tail(file, lines = 15) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * A long-running child in its own process group, so stopping it also stops what it forked (php -S
 * workers), under a watchdog that stops it should this process die without stopping it.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @param {string} logFile
 */
function daemon(command, args, env, logFile) {
  const out = openSync(logFile, 'a');
  const watchdog = path.join(HERE, 'watchdog.sh');
  const child = spawn('/bin/sh', [watchdog, String(process.pid), command, ...args], {
    env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  process.on('exit', killOnExit);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    child,
    exited,
    /**
     * SIGTERM to the group, SIGKILL when it has not exited within `graceMs`.
     * @param {number} graceMs
     */
    async stop(graceMs) {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
      const pid = child.pid;
      const signal = (/** @type {NodeJS.Signals} */ name) => {
        try {
          process.kill(-pid, name);
        } catch {
          // already gone
        }
      };
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Whatever of the group outlived its leader (a php -S worker).
      signal('SIGKILL');
    },
  };
}

/**
 * An empty MariaDB datadir (system tables only, root without a password), made once per MariaDB
 * version and options by mariadb-install-db and copied for each run: the copy is as fresh as a new
 * install and takes a fraction of the time.
 * @param {string} base
 * @param {string} mariadbd
 * @param {string[]} options
 * @returns {Promise<string>}
 */
async function datadirTemplate(base, mariadbd, options) {
  const version = spawnSync(mariadbd, ['--version'], { encoding: 'utf8' }).stdout ?? '';
  const key = createHash('sha256')
    .update(JSON.stringify([version, options]))
    .digest('hex')
    .slice(0, 12);
  const template = path.join(base, `bientap-mariadb-template-${key}`);
  if (
    existsSync(path.join(template, 'mysql', 'user.frm')) ||
    existsSync(path.join(template, 'mysql', 'global_priv.frm'))
  ) {
    return template;
  }
  const building = mkdtempSync(path.join(base, 'bientap-mariadb-building-'));
  const dataDir = path.join(building, 'data');
  const install = await exec(/** @type {string} */ (which('mariadb-install-db')), [
    '--no-defaults',
    `--datadir=${dataDir}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    ...options,
  ]);
  if (install.code !== 0) {
    rmSync(building, { recursive: true, force: true });
    throw new Error(`mariadb-install-db failed:\n${install.stdout}${install.stderr}`);
  }
  try {
    renameSync(dataDir, template);
  } catch {
    // Another run made it first: use theirs.
  }
  rmSync(building, { recursive: true, force: true });
  return template;
}

/**
 * Deletes the folders of earlier runs whose test process died without cleaning up (their daemons
 * already stopped themselves: see watchdog.sh), and template builds that never finished.
 * @param {string} base
 */
function removeAbandoned(base) {
  for (const name of readdirSync(base)) {
    if (name.startsWith('bientap-mariadb-building-')) {
      // A template build that died half-way; a live one takes seconds, not ten minutes.
      const dir = path.join(base, name);
      if (Date.now() - statSync(dir).mtimeMs > 600_000) rmSync(dir, { recursive: true, force: true });
      continue;
    }
    if (!name.startsWith('bientap-wp-')) continue;
    const dir = path.join(base, name);
    /** @type {number} */
    let owner;
    try {
      owner = Number(readFileSync(path.join(dir, 'owner.pid'), 'utf8'));
    } catch {
      continue; // not one of ours, or still being made
    }
    if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) rmSync(dir, { recursive: true, force: true });
  }
}

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/**
 * Waits until `check` resolves true, or the deadline passes, or `failed` says the process died.
 * @param {string} what
 * @param {() => Promise<boolean>} check
 * @param {() => string | null} failed
 * @param {number} timeoutMs
 */
async function waitFor(what, check, failed, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const problem = failed();
    if (problem) throw new Error(`${what}: ${problem}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

/**
 * Starts a fresh WordPress: new MariaDB datadir, new database, new install, new application password.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<WordPress>}
 */
export async function startWordPress({ log = console.log } = {}) {
  ensurePackages(log);
  ensureConfig();
  const started = Date.now();
  /** @type {string[]} */
  const phases = [];
  let last = started;
  const phase = (/** @type {string} */ name) => {
    const now = Date.now();
    phases.push(`${name} ${((now - last) / 1000).toFixed(1)} s`);
    last = now;
  };

  // Unix socket paths are limited to about 107 bytes: keep the folder short.
  const base = tmpdir().length < 60 ? tmpdir() : '/tmp';
  removeAbandoned(base);
  const dir = mkdtempSync(path.join(base, 'bientap-wp-'));
  writeFileSync(path.join(dir, 'owner.pid'), String(process.pid));
  const dataDir = path.join(dir, 'mysql');
  const socket = path.join(dir, 'mysql.sock');
  const contentDir = path.join(dir, 'wp-content');
  mkdirSync(path.join(contentDir, 'uploads'), { recursive: true });
  mkdirSync(path.join(contentDir, 'themes'), { recursive: true });
  cpSync(path.join(HERE, 'theme'), path.join(contentDir, 'themes', 'bientap-test'), { recursive: true });
  // The plugin the office installs on its site: keeps the seal in post meta too.
  mkdirSync(path.join(contentDir, 'mu-plugins'), { recursive: true });
  cpSync(
    path.join(ROOT, 'resources', 'wordpress', 'bientap-seal.php'),
    path.join(contentDir, 'mu-plugins', 'bientap-seal.php'),
  );

  /** @type {ReturnType<typeof daemon>[]} */
  const daemons = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Both at once: MariaDB shuts down cleanly whatever php still had open.
    await Promise.all(daemons.map((running) => running.stop(10_000)));
    if (process.env.BIENTAP_WP_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
  };

  try {
    const mariadbd = /** @type {string} */ (which('mariadbd'));
    const user = isRoot() ? ['--user=root'] : [];
    // A throwaway database: small redo log, no fsync per commit, no TCP (the socket is enough).
    const serverOptions = ['--innodb-log-file-size=8M', '--innodb-buffer-pool-size=64M'];
    const template = await datadirTemplate(base, mariadbd, [...user, ...serverOptions]);
    cpSync(template, dataDir, { recursive: true });
    phase('datadir');

    const mariadbLog = path.join(dir, 'mariadb.log');
    const db = daemon(
      mariadbd,
      [
        '--no-defaults',
        `--datadir=${dataDir}`,
        `--socket=${socket}`,
        `--pid-file=${path.join(dir, 'mariadb.pid')}`,
        `--log-error=${mariadbLog}`,
        '--skip-networking',
        '--innodb-flush-log-at-trx-commit=2',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
        ...user,
        ...serverOptions,
      ],
      process.env,
      path.join(dir, 'mariadbd.out'),
    );
    daemons.push(db);
    const client = which('mariadb') ?? which('mysql') ?? 'mariadb';
    const sql = (/** @type {string} */ statement) =>
      exec(client, ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', statement]);
    await waitFor(
      'MariaDB',
      async () => existsSync(socket) && (await sql('SELECT 1')).code === 0,
      () => (db.child.exitCode !== null ? `exited early:\n${tail(mariadbLog)}` : null),
      30_000,
    );
    const created = await sql('CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    if (created.code !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
    phase('mariadbd');

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const adminUser = 'bientap';
    /** @type {NodeJS.ProcessEnv} */
    const env = {
      ...process.env,
      BIENTAP_WP_ROOT: WORDPRESS_ROOT,
      BIENTAP_WP_DB_SOCKET: socket,
      BIENTAP_WP_SITE_URL: url,
      BIENTAP_WP_CONTENT_DIR: contentDir,
      BIENTAP_WP_SALT: randomBytes(24).toString('hex'),
    };
    const php = /** @type {string} */ (which('php'));
    // Warnings go to the log, never into a JSON answer; room for image uploads.
    const phpOptions = [
      '-d',
      'display_errors=stderr',
      '-d',
      'upload_max_filesize=64M',
      '-d',
      'post_max_size=64M',
      '-d',
      'memory_limit=256M',
    ];
    const installed = await exec(php, [...phpOptions, path.join(HERE, 'install.php')], {
      ...env,
      BIENTAP_WP_ADMIN_USER: adminUser,
      BIENTAP_WP_ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
    });
    const answer = /^\{.*\}$/m.exec(installed.stdout);
    if (installed.code !== 0 || !answer) {
      throw new Error(`WordPress install failed:\n${installed.stdout}${installed.stderr}`);
    }
    const { appPassword } = /** @type {{ appPassword: string }} */ (JSON.parse(answer[0]));
    phase('wp_install');

    const phpLog = path.join(dir, 'php.log');
    const server = daemon(
      php,
      [...phpOptions, '-S', `127.0.0.1:${port}`, '-t', WORDPRESS_ROOT, path.join(HERE, 'router.php')],
      // Several workers: a test holding one request open must not stall the next.
      { ...env, PHP_CLI_SERVER_WORKERS: '4' },
      phpLog,
    );
    daemons.push(server);
    const authorization = `Basic ${Buffer.from(`${adminUser}:${appPassword}`).toString('base64')}`;
    /** @type {string | null} */
    let refused = null;
    await waitFor(
      'php -S',
      async () => {
        const response = await fetch(`${url}/?rest_route=/wp/v2/users/me`, {
          headers: { authorization },
          signal: AbortSignal.timeout(5_000),
        });
        // Serving, but the REST API does not take the password: no point waiting longer.
        if (response.status === 401 || response.status === 403) {
          refused = `the application password was refused (${response.status}): ${await response.text()}`;
        }
        return response.ok;
      },
      () => refused ?? (server.child.exitCode !== null ? `exited early:\n${tail(phpLog)}` : null),
      30_000,
    );
    phase('php -S');
    const total = ((Date.now() - started) / 1000).toFixed(1);
    log(`WordPress ready at ${url} in ${total} s (${phases.join(', ')}; ${dir})`);
    return { url, user: adminUser, appPassword, dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
