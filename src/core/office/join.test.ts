import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ensureOfficeKey } from '../seal/officeKey';
import { PASSWORD, openSeededCore, openTestCore, runCli, runOnRealTime, tempDir, type TestCore } from '../testkit';
import { startServerProcess, type ServerProcess } from './testServer';
import { createInvitation, createOffice, joinOffice, readOfficeConnection, signInvitation } from './invitations';

let server: ServerProcess;
let url: string;
let certSha256: string;
let office: TestCore;
const cores: TestCore[] = [];

/** The real office server, pinned to this office's key. */
async function startServer(fingerprint: string): Promise<void> {
  server = await startServerProcess({ data: join(tempDir(), 'server'), office: fingerprint });
  ({ url, certSha256 } = server);
  expect(server.lines[3]).toBe(`Khóa văn phòng đã ghim: ${fingerprint}`);
}

function fresh(): TestCore {
  const core = openTestCore();
  runOnRealTime(core);
  cores.push(core);
  return core;
}

const userCount = (core: TestCore) => (core.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;

beforeAll(async () => {
  office = (await openSeededCore()).core;
  // Invitations expire by the server's (real) clock.
  runOnRealTime(office);
  await startServer(ensureOfficeKey(office.ctx).fingerprint);
  const created = await createOffice(office.ctx, { url, cert: `sha256:${certSha256}` });
  expect(created.accepted).toBe(5);
});

afterAll(async () => {
  await server?.kill('SIGTERM');
  office?.close();
  for (const core of cores) core.close();
});

describe('joining the office with an invitation', () => {
  it('brings the accounts to a new workstation, where each signs in with her usual password', async () => {
    const { line } = await createInvitation(office.ctx, { username: 'quantri', password: PASSWORD });
    expect(line).toMatch(/^bientap-moi:[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const laptop = fresh();
    const { applied, connection } = await joinOffice(laptop.ctx, line);
    expect(applied.created).toHaveLength(5);
    expect(applied.rejected).toEqual([]);
    expect(connection).toMatchObject({ url, certSha256, office: ensureOfficeKey(office.ctx).fingerprint });
    expect(readOfficeConnection(laptop.ctx)).toEqual(connection);
    const login = await laptop.call('auth.login', { username: 'phongvien', password: PASSWORD });
    expect(login.user.displayName).toBe('Huỳnh Thị Ly');

    // The same line a second time: the server has spent it.
    const second = fresh();
    await expect(joinOffice(second.ctx, line)).rejects.toThrow('Lời mời này đã được dùng');
    expect(userCount(second)).toBe(0);
  });

  it('refuses an altered line before contacting anything, and an expired one by the server clock', async () => {
    const { line } = await createInvitation(office.ctx, { username: 'quantri', password: PASSWORD });
    const [head, signature] = line.split('.') as [string, string];
    const body = JSON.parse(Buffer.from(head.slice('bientap-moi:'.length), 'base64url').toString('utf8'));
    const altered = `bientap-moi:${Buffer.from(JSON.stringify({ ...body, expiresAt: '2099-01-01T00:00:00.000Z' })).toString('base64url')}.${signature}`;
    const laptop = fresh();
    await expect(joinOffice(laptop.ctx, altered)).rejects.toThrow(/Chữ ký của văn phòng trên lời mời không đúng/);
    await expect(joinOffice(laptop.ctx, line.slice(0, -5))).rejects.toThrow(/Lời mời/);
    await expect(joinOffice(laptop.ctx, 'xin chào')).rejects.toThrow(/không phải lời mời/);

    const short = await createInvitation(office.ctx, { username: 'quantri', password: PASSWORD, hours: 1 / 3600 });
    await new Promise((done) => setTimeout(done, 1100));
    await expect(joinOffice(laptop.ctx, short.line)).rejects.toThrow('Lời mời đã hết hạn');
    expect(userCount(laptop)).toBe(0);
  });

  it('refuses a server presenting another certificate than the invitation pins: possibly an impostor', async () => {
    const line = signInvitation(office.ctx, {
      server: url,
      cert: `sha256:${'ab'.repeat(32)}`,
      id: randomBytes(16).toString('base64url'),
      secret: randomBytes(32).toString('base64url'),
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const laptop = fresh();
    await expect(joinOffice(laptop.ctx, line)).rejects.toThrow(/có thể là máy giả mạo/);
    expect(userCount(laptop)).toBe(0);
    expect(readOfficeConnection(laptop.ctx)).toBeNull();
  });

  it('lets only an administrator with her password make an invitation', async () => {
    await expect(createInvitation(office.ctx, { username: 'quantri', password: 'sai-mật-khẩu-rồi' })).rejects.toThrow(
      'Sai tên đăng nhập hoặc mật khẩu.',
    );
    await expect(createInvitation(office.ctx, { username: 'truongphong', password: PASSWORD })).rejects.toThrow(
      'Chỉ quản trị viên mới làm được việc này.',
    );
  });
});

describe('bientap office invite / join', () => {
  it('prints a line on the office workstation that a new data folder joins with, once', { timeout: 60_000 }, () => {
    // The administrator's password on standard input, as at a terminal.
    const invite = runCli(['office', 'invite', '--data', office.dir, '--username', 'quantri'], { stdin: PASSWORD });
    expect(invite.code, invite.stderr).toBe(0);
    const line = invite.stdout.trim();
    expect(line).toMatch(/^bientap-moi:[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(invite.stderr).toContain('Lời mời dùng được một lần');

    const data = join(tempDir(), 'may-moi');
    const joined = runCli(['office', 'join', '--data', data, '--invite', line, '--json']);
    expect(joined.code, joined.stderr).toBe(0);
    expect(JSON.parse(joined.stdout)).toMatchObject({ ok: true, server: url, created: 5, rejected: [] });
    const db = new Database(join(data, 'bientap.sqlite'), { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n).toBe(5);
    db.close();

    const again = runCli(['office', 'join', '--data', join(tempDir(), 'may-khac'), '--invite', line]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Lời mời này đã được dùng. Mỗi lời mời chỉ dùng được một lần; hãy xin lời mời mới.');
    expect(runCli(['office', 'join', '--data', data])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Thiếu --invite'),
    });
  });
});
