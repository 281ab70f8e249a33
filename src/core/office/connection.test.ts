import { createServer as createNetServer, connect as netConnect, type Socket } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOfficeKey } from '../seal/officeKey';
import { PASSWORD, openSeededCore, openTestCore, runOnRealTime, tempDir, type TestCore } from '../testkit';
import { OfficeConnection, unsealOfficeSigner, type OfficeSigner } from './connection';
import { createInvitation, createOffice, joinOffice, readOfficeConnection } from './invitations';
import { officeStatus, type OfficeSyncState } from './status';
import { startServerProcess, type ServerProcess, waitUntil } from './testServer';

let server: ServerProcess | null = null;
let serverData: string;
let port = 0;
let url: string;
let certSha256: string;
let office: TestCore;
let laptop: TestCore;
let sessions: Record<string, string>;
const connections: OfficeConnection[] = [];
const logs: string[] = [];

/** The real office server; the same data folder and port on a restart. */
async function startServer(fingerprint: string): Promise<void> {
  server = await startServerProcess({ data: serverData, office: fingerprint, port });
  ({ url, certSha256, port } = server);
}

async function killServer(): Promise<void> {
  const child = server;
  server = null;
  await child?.kill();
}

const waitFor = (check: () => boolean, what: string, timeoutMs = 10_000) => waitUntil(check, what, { timeoutMs, logs });

const userId = (core: TestCore, username: string) =>
  (core.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string } | undefined)?.id;

const disabled = (core: TestCore, username: string) =>
  (core.db.prepare('SELECT disabled FROM users WHERE username = ?').get(username) as { disabled: number } | undefined)
    ?.disabled;

async function signer(core: TestCore, username: string): Promise<OfficeSigner> {
  const key = await unsealOfficeSigner(core.ctx, userId(core, username) as string, PASSWORD);
  expect(key).not.toBeNull();
  return key as OfficeSigner;
}

/** A live connection that records every state it reports, with quick retries for the test. */
function connect(core: TestCore, key: OfficeSigner | null, settings = readOfficeConnection(core.ctx)) {
  const states: OfficeSyncState[] = [];
  const connection = new OfficeConnection(core.ctx, settings!, {
    signer: key,
    minDelayMs: 50,
    maxDelayMs: 400,
    log: (line) => logs.push(line),
    onStatus: (status) => states.push(status.state),
  });
  connections.push(connection);
  connection.start();
  return { connection, states };
}

/** True when `wanted` occurs in `seen` in this order (other states may come between). */
function inOrder(seen: readonly string[], wanted: readonly string[]): boolean {
  let next = 0;
  for (const state of seen) if (state === wanted[next]) next++;
  return next === wanted.length;
}

beforeAll(async () => {
  ({ core: office, sessions } = await openSeededCore());
  runOnRealTime(office);
  serverData = join(tempDir(), 'server');
  await startServer(ensureOfficeKey(office.ctx).fingerprint);
  await createOffice(office.ctx, { url, cert: `sha256:${certSha256}` });
  const { line } = await createInvitation(office.ctx, { username: 'quantri', password: PASSWORD });
  laptop = openTestCore();
  runOnRealTime(laptop);
  await joinOffice(laptop.ctx, line);
});

afterAll(async () => {
  for (const connection of connections) await connection.close();
  await killServer();
  office?.close();
  laptop?.close();
});

describe('the live link to the office server (office/directory)', () => {
  it(
    'syncs both workstations and carries an administrator’s account changes to the other one without a restart',
    { timeout: 30_000 },
    async () => {
      expect(officeStatus(laptop.ctx)).toMatchObject({ server: url, state: 'offline', pendingChanges: 0 });
      const desk = connect(office, await signer(office, 'quantri'));
      const away = connect(laptop, await signer(laptop, 'phongvien'));
      // The laptop starts from the directory it stored when it joined, before any network answer.
      expect(away.connection.doc.getArray('entries').length).toBe(5);
      await waitFor(() => desk.connection.status().state === 'synced', 'máy văn phòng đồng bộ');
      await waitFor(() => away.connection.status().state === 'synced', 'máy xách tay đồng bộ');
      expect(inOrder(away.states, ['offline', 'syncing', 'synced']), away.states.join(' → ')).toBe(true);
      expect(inOrder(desk.states, ['offline', 'syncing', 'synced']), desk.states.join(' → ')).toBe(true);
      const synced = officeStatus(laptop.ctx);
      expect(synced).toMatchObject({ server: url, state: 'synced', pendingChanges: 0, problem: null });
      expect(Date.parse(synced.lastSyncAt as string)).toBeGreaterThan(laptop.ctx.now().getTime() - 60_000);
      // Both hold the office's five accounts, and the laptop's copy of the document came from the server.
      expect(desk.connection.doc.getArray('entries').length).toBe(5);
      expect(away.connection.rejected).toEqual([]);

      // The administrator adds an account and disables another; the office key signs their new entries.
      await office.call(
        'users.create',
        { username: 'phongvien3', displayName: 'Phan Thị Mai', password: PASSWORD, role: 'reporter' },
        sessions.quantri,
      );
      await office.call('users.disable', { id: userId(office, 'phongvien2') as string }, sessions.quantri);
      expect(desk.connection.publishAccounts()).toBe(2);
      await waitFor(() => userId(laptop, 'phongvien3') !== undefined, 'tài khoản mới tới máy xách tay');
      await waitFor(() => disabled(laptop, 'phongvien2') === 1, 'tài khoản bị khóa trên máy xách tay');
      expect(userId(laptop, 'phongvien3')).toBe(userId(office, 'phongvien3'));
      const login = await laptop.call('auth.login', { username: 'phongvien3', password: PASSWORD });
      expect(login.user.displayName).toBe('Phan Thị Mai');
      expect((await laptop.tryCall('auth.login', { username: 'phongvien2', password: PASSWORD })).ok).toBe(false);
      await waitFor(() => officeStatus(office.ctx).pendingChanges === 0, 'máy chủ xác nhận các mục mới');
      expect(officeStatus(office.ctx).state).toBe('synced');
      // Publishing again finds nothing new.
      expect(desk.connection.publishAccounts()).toBe(0);
    },
  );

  it(
    'goes offline when the server is killed, keeps changes made meanwhile across a restart of the app, and delivers them when the server is back',
    { timeout: 30_000 },
    async () => {
      const [desk, away] = connections.slice(-2) as [OfficeConnection, OfficeConnection];
      await killServer();
      await waitFor(() => officeStatus(office.ctx).state === 'offline', 'máy văn phòng ngoại tuyến');
      await waitFor(() => officeStatus(laptop.ctx).state === 'offline', 'máy xách tay ngoại tuyến');
      await waitFor(
        () => /Không kết nối được tới máy chủ .*ECONNREFUSED/.test(officeStatus(laptop.ctx).problem ?? ''),
        'lý do ngoại tuyến',
      );

      // Offline, the administrator adds an account: one update waits, counted, on disk.
      await office.call(
        'users.create',
        { username: 'phongvien4', displayName: 'Võ Văn Tâm', password: PASSWORD, role: 'reporter' },
        sessions.quantri,
      );
      expect(desk.publishAccounts()).toBe(1);
      expect(officeStatus(office.ctx)).toMatchObject({ state: 'offline', pendingChanges: 1 });

      // The office application closes and starts again, still offline: the change is still there.
      await desk.close();
      const reopened = connect(office, await signer(office, 'quantri'));
      expect(reopened.connection.doc.getArray('entries').length).toBe(8);
      expect(officeStatus(office.ctx).pendingChanges).toBe(1);
      await new Promise((done) => setTimeout(done, 300));
      expect(reopened.connection.status().state).toBe('offline');

      // The server comes back on its port with its data: both reconnect by themselves.
      await startServer(ensureOfficeKey(office.ctx).fingerprint);
      await waitFor(() => userId(laptop, 'phongvien4') !== undefined, 'tài khoản tạo lúc ngoại tuyến tới máy xách tay');
      await waitFor(() => officeStatus(office.ctx).state === 'synced', 'máy văn phòng đồng bộ lại');
      await waitFor(() => away.status().state === 'synced', 'máy xách tay đồng bộ lại');
      expect(officeStatus(office.ctx).pendingChanges).toBe(0);
      expect(inOrder(reopened.states, ['offline', 'syncing', 'synced']), reopened.states.join(' → ')).toBe(true);
      expect(away.doc.getArray('entries').length).toBe(8);
    },
  );

  it(
    'reports and never applies a forged entry, and retries a refused sign-in until a known account signs in',
    { timeout: 20_000 },
    async () => {
      const [away, desk] = connections.slice(-2) as [OfficeConnection, OfficeConnection];
      // An administrator's workstation writes an entry the office key never signed: a reporter made administrator.
      const entries = desk.doc.getArray<Record<string, unknown>>('entries');
      const reporter = entries.toArray().find((entry) => entry.username === 'phongvien') as Record<string, unknown>;
      entries.push([{ ...reporter, role: 'admin', updatedAt: '2026-05-01T00:00:00.000Z' }]);
      await waitFor(() => away.doc.getArray('entries').length === 9, 'mục giả tới máy xách tay');
      await away.settled();
      expect(away.rejected.map((rejected) => rejected.reason)).toEqual([
        'Chữ ký của khóa văn phòng không đúng: mục giả mạo hoặc đã bị sửa.',
      ]);
      expect(logs).toContain(
        'Bỏ qua một mục danh bạ văn phòng (phongvien): Chữ ký của khóa văn phòng không đúng: mục giả mạo hoặc đã bị sửa.',
      );
      const role = (core: TestCore) =>
        (core.db.prepare("SELECT role FROM users WHERE username = 'phongvien'").get() as { role: string }).role;
      expect(role(laptop)).toBe('reporter');

      // An account made on the laptop alone: the server has no key for it and refuses, again at each retry.
      const admin = await laptop.call('auth.login', { username: 'quantri', password: PASSWORD });
      await laptop.call(
        'users.create',
        { username: 'rieng', displayName: 'Chỉ ở máy này', password: PASSWORD, role: 'reporter' },
        admin.session,
      );
      const before = logs.filter((line) => line.includes('auth:unknown-key')).length;
      away.setSigner(await signer(laptop, 'rieng'));
      await waitFor(
        () => logs.filter((line) => line.includes('auth:unknown-key')).length >= before + 2,
        'hai lần bị từ chối',
      );
      expect(away.status()).toMatchObject({
        state: 'offline',
        problem: 'Máy chủ chưa biết khóa ký của tài khoản đang đăng nhập: danh bạ văn phòng chưa có tài khoản này.',
      });
      // Signed out: nobody to sign in as, so no connection at all.
      away.setSigner(null);
      expect(away.status().state).toBe('offline');
      away.setSigner(await signer(laptop, 'phongvien'));
      await waitFor(() => away.status().state === 'synced', 'máy xách tay đồng bộ lại');
    },
  );

  it('comes back by itself after the link drops and stays cut for a while', { timeout: 20_000 }, async () => {
    const desk = connections.at(-1) as OfficeConnection;
    // A relay between the laptop and the server that can cut every connection and refuse new ones.
    const sockets = new Set<Socket>();
    let cut = false;
    const relay = createNetServer((inbound) => {
      if (cut) return inbound.destroy();
      const outbound = netConnect(port, '127.0.0.1');
      sockets.add(inbound).add(outbound);
      inbound.pipe(outbound).pipe(inbound);
      for (const socket of [inbound, outbound]) {
        socket.on('error', () => {});
        socket.on('close', () => {
          sockets.delete(socket);
          inbound.destroy();
          outbound.destroy();
        });
      }
    });
    await new Promise<void>((done) => relay.listen(0, '127.0.0.1', done));
    try {
      const settings = {
        ...readOfficeConnection(laptop.ctx)!,
        url: `wss://127.0.0.1:${(relay.address() as { port: number }).port}`,
      };
      const relayed = connect(laptop, await signer(laptop, 'phongvien'), settings);
      await waitFor(() => relayed.connection.status().state === 'synced', 'đồng bộ qua trạm chuyển tiếp');

      cut = true;
      for (const socket of sockets) socket.destroy();
      await waitFor(() => relayed.connection.status().state === 'offline', 'mất kết nối');
      await office.call(
        'users.create',
        { username: 'phongvien5', displayName: 'Lê Văn Hùng', password: PASSWORD, role: 'reporter' },
        sessions.quantri,
      );
      expect(desk.publishAccounts()).toBe(1);
      await new Promise((done) => setTimeout(done, 600));
      expect(relayed.connection.doc.getArray('entries').length).toBe(9);

      cut = false;
      await waitFor(() => relayed.connection.doc.getArray('entries').length === 10, 'mục mới sau khi nối lại');
      await waitFor(() => relayed.connection.status().state === 'synced', 'đồng bộ lại');
      await waitFor(() => userId(laptop, 'phongvien5') !== undefined, 'tài khoản mới trên máy xách tay');
      expect(inOrder(relayed.states, ['synced', 'offline', 'syncing', 'synced'])).toBe(true);
      await relayed.connection.close();
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => relay.close(done));
    }
  });

  it(
    'refuses a server presenting another certificate, with the impersonation message, sending it nothing',
    { timeout: 20_000 },
    async () => {
      const pems = await generate([{ name: 'commonName', value: 'bientap-office' }], {
        keyType: 'ec',
        curve: 'P-256',
        algorithm: 'sha256',
      } as Parameters<typeof generate>[1]);
      let received = 0;
      let attempts = 0;
      const impostor: TlsServer = createTlsServer({ key: pems.private, cert: pems.cert }, (socket) => {
        socket.on('data', (chunk: Buffer) => (received += chunk.length));
        socket.on('error', () => {});
      });
      impostor.on('connection', () => attempts++);
      impostor.on('tlsClientError', () => {});
      await new Promise<void>((done) => impostor.listen(0, '127.0.0.1', done));
      const address = impostor.address() as { port: number };
      try {
        // The same pinned certificate, but the address now leads to another machine.
        const settings = { ...readOfficeConnection(laptop.ctx)!, url: `wss://127.0.0.1:${address.port}` };
        const fooled = connect(laptop, await signer(laptop, 'phongvien'), settings);
        await waitFor(
          () => /có thể là máy giả mạo/.test(fooled.connection.status().problem ?? ''),
          'lời báo máy giả mạo',
        );
        expect(fooled.connection.status()).toMatchObject({ state: 'offline' });
        expect(fooled.connection.status().problem).toContain('Biên Tập không gửi gì tới máy này');
        // Refused again at each retry, still without a byte of a request.
        await new Promise((done) => setTimeout(done, 500));
        await fooled.connection.close();
        expect(attempts).toBeGreaterThanOrEqual(2);
        expect(received).toBe(0);
      } finally {
        await new Promise((done) => impostor.close(done));
      }
    },
  );
});
