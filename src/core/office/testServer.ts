import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureOfficeKey } from '../seal/officeKey';
import { PASSWORD, openTestCore, runOnRealTime, type TestCore } from '../testkit';
import { OfficeConnection, unsealOfficeSigner, type OfficeConnectionOptions } from './connection';
import { officeHooks } from './hooks';
import { createInvitation, createOffice, joinOffice, readOfficeConnection } from './invitations';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServerProcess {
  url: string;
  certSha256: string;
  port: number;
  /** Its process id (benches read its memory and CPU time from /proc). */
  pid: number;
  /** Everything the server printed on standard output, line by line. */
  lines: string[];
  /** Ends the process (SIGKILL: nothing of its shutdown runs) and waits for it. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The real office server as `npm run server` starts it, in its own process (a core test may not
 * import src/server), pinned to the office key `office`, relaying through `redis` if given. The
 * same data folder and port restart it.
 */
export async function startServerProcess(options: {
  data: string;
  office: string;
  port?: number;
  redis?: string;
}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/server/main.ts',
      '--data',
      options.data,
      '--port',
      String(options.port ?? 0),
      '--office',
      options.office,
      ...(options.redis ? ['--redis', options.redis] : []),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // A test or bench that dies takes its server with it (an orphan keeps a port and a core busy).
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  child.once('exit', () => process.off('exit', orphaned));
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  await new Promise<void>((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.split('\n').length > 4) done();
    });
    child.once('exit', () => fail(new Error(`Máy chủ không khởi động: ${err}`)));
  });
  const url = /^BIENTAP_SERVER_URL=(.+)$/m.exec(out)?.[1] as string;
  return {
    url,
    certSha256: /^BIENTAP_SERVER_CERT=sha256:([0-9a-f]{64})$/m.exec(out)?.[1] as string,
    port: Number(new URL(url).port),
    pid: child.pid as number,
    lines: out.split('\n'),
    kill: (signal = 'SIGKILL') =>
      child.exitCode !== null
        ? Promise.resolve()
        : new Promise((done) => {
            child.once('exit', () => done());
            child.kill(signal);
          }),
  };
}

/**
 * Resolves once `check` holds, polling; after `timeoutMs` fails naming `what`, with the lines
 * the workstations logged meanwhile (`logs`) to say why.
 */
export async function waitUntil(
  check: () => boolean,
  what: string,
  { timeoutMs = 15_000, logs = [] }: { timeoutMs?: number; logs?: readonly string[] } = {},
): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Hết thời gian chờ: ${what}\n${logs.join('\n')}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

/**
 * The running core's link, as openCore makes it: signed in to the server as `username` (with the
 * test password), told of every save, retrying quickly; what it logs goes to `logs`.
 */
export async function linkWorkstation(
  core: TestCore,
  username: string,
  logs: string[],
  options: Omit<OfficeConnectionOptions, 'signer' | 'log'> = {},
): Promise<OfficeConnection> {
  const id = core.db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as string;
  const connection = new OfficeConnection(core.ctx, readOfficeConnection(core.ctx)!, {
    signer: await unsealOfficeSigner(core.ctx, id, PASSWORD),
    minDelayMs: 50,
    maxDelayMs: 400,
    log: (line) => logs.push(line),
    ...options,
  });
  core.ctx.office = officeHooks(core.ctx, connection, (line) => logs.push(line));
  connection.start();
  return connection;
}

/** Starts the office server on `data` and makes `desk` (holding the office key) its office. */
export async function officeServer(desk: TestCore, data: string): Promise<ServerProcess> {
  const server = await startServerProcess({ data, office: ensureOfficeKey(desk.ctx).fingerprint });
  await createOffice(desk.ctx, { url: server.url, cert: `sha256:${server.certSha256}` });
  return server;
}

/** A new workstation joined to `desk`'s office with a one-time invitation of its administrator, on real time. */
export async function joinedWorkstation(desk: TestCore): Promise<TestCore> {
  const core = openTestCore();
  runOnRealTime(core);
  await joinOffice(core.ctx, (await createInvitation(desk.ctx, { username: 'quantri', password: PASSWORD })).line);
  return core;
}
