import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { addServerKey } from './directory';
import {
  acknowledged,
  connectClient,
  newUserKey,
  removeTempDirs,
  tempDir,
  type Client,
  type ServerPin,
} from './testkit';

const ARTICLE = 'article/6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b/content';

interface Running {
  child: ChildProcess;
  lines: string[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];
const clients: Client[] = [];

afterEach(() => {
  for (const made of clients.splice(0)) made.destroy();
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function run(command: string, args: string[], detached = false): Running {
  const child = spawn(command, args, { cwd: process.cwd(), detached, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    lines.splice(0, lines.length, ...out.split('\n').filter((line, i, all) => i < all.length - 1));
  });
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    // 'close', not 'exit': under npm the server is a grandchild still writing to the same pipes.
    child.once('close', (code, signal) => done({ code, signal })),
  );
  return { child, lines, stderr: () => err, exited };
}

const node = (dataDir: string, port = 0) =>
  run(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--data', dataDir, '--port', String(port)]);

async function started(server: Running): Promise<ServerPin & { dataDir: string }> {
  const deadline = Date.now() + 15_000;
  while (server.lines.length < 3) {
    if (server.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`Máy chủ không khởi động: ${server.stderr()}`);
    }
    await new Promise((done) => setTimeout(done, 20));
  }
  const url = /^BIENTAP_SERVER_URL=(wss:\/\/127\.0\.0\.1:\d+)$/.exec(server.lines[0] ?? '')?.[1];
  const certSha256 = /^BIENTAP_SERVER_CERT=sha256:([0-9a-f]{64})$/.exec(server.lines[1] ?? '')?.[1];
  const dataDir = /^Dữ liệu máy chủ nằm ở (.+) \(/.exec(server.lines[2] ?? '')?.[1];
  if (!url || !certSha256 || !dataDir) throw new Error(`Dòng đầu không đúng: ${server.lines.join(' | ')}`);
  const cert = readFileSync(join(dataDir, 'tls', 'server.crt'), 'utf8');
  return { url, httpUrl: url.replace('wss:', 'https:'), cert, certSha256, dataDir };
}

function addKey(dataDir: string, role: 'reporter' | 'admin' = 'reporter') {
  const user = newUserKey();
  const db = new Database(join(dataDir, 'office.sqlite'));
  db.pragma('busy_timeout = 5000');
  addServerKey(db, { publicKey: user.publicKey, userId: `u-${role}`, role, active: true });
  db.close();
  return user;
}

afterAll(removeTempDirs);

describe('npm run server', () => {
  it('prints its URL and pinned certificate first, keeps the key private, and stops cleanly on SIGTERM', async () => {
    const dataDir = join(tempDir('bientap-server-cli-'), 'office');
    const server = run('npm', ['run', '--silent', 'server', '--', '--data', dataDir, '--port', '0'], true);
    const pin = await started(server);
    expect(pin.dataDir).toBe(dataDir);
    const der = new X509Certificate(pin.cert).raw;
    expect(createHash('sha256').update(der).digest('hex')).toBe(pin.certSha256);
    expect(statSync(join(dataDir, 'tls', 'server.key')).mode & 0o777).toBe(0o600);

    const user = addKey(dataDir);
    const writer = connectClient(pin, ARTICLE, user);
    clients.push(writer);
    await writer.synced;
    writer.doc.getText('body').insert(0, 'Đêm hoàng cung');
    await acknowledged(writer);

    // npm runs the server through a shell: the signal goes to the whole group, as a terminal's Ctrl-C would.
    process.kill(-(server.child.pid as number), 'SIGTERM');
    await server.exited;
    expect(server.stderr()).toContain('Máy chủ đã dừng.');
    // The database was closed: its write-ahead log was checkpointed and removed.
    expect(existsSync(join(dataDir, 'office.sqlite-wal'))).toBe(false);
  });

  it('loses no acknowledged update when killed with SIGKILL, and exits 0 on SIGTERM', async () => {
    const dataDir = join(tempDir('bientap-server-kill-'), 'office');
    const first = node(dataDir);
    const pin = await started(first);
    const user = addKey(dataDir);
    const writer = connectClient(pin, ARTICLE, user);
    clients.push(writer);
    await writer.synced;
    const body = writer.doc.getText('body');
    for (let i = 0; i < 30; i++) body.insert(body.length, `chữ ${i} `);
    await acknowledged(writer);
    const expected = body.toString();
    first.child.kill('SIGKILL');
    await first.exited;
    writer.destroy();

    // A second server on the same folder: same certificate, every acknowledged edit.
    const second = node(dataDir);
    const again = await started(second);
    expect(again.certSha256).toBe(pin.certSha256);

    const busy = node(dataDir, Number(new URL(again.url).port));
    expect((await busy.exited).code).toBe(1);
    expect(busy.stderr()).toMatch(/Cổng \d+ trên 127\.0\.0\.1 đang được một chương trình khác dùng/);

    const reader = connectClient(again, ARTICLE, user);
    clients.push(reader);
    await reader.synced;
    expect(reader.doc.getText('body').toString()).toBe(expected);

    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });
});
