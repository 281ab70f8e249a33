import { randomBytes, sign } from 'node:crypto';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  directoryEntryMessage,
  readDirectory,
  type DirectoryEntry,
  type UnsignedDirectoryEntry,
} from '../shared/sync/directory';
import { invitationSecretHash } from '../shared/sync/invitation';
import { startOfficeServer, type OfficeServer } from './server';
import {
  acknowledged,
  authMessage,
  authorizationHeader,
  connectClient,
  freshToken,
  httpsCall,
  newUserKey,
  pinnedWebSocket,
  readAuthAnswer,
  removeTempDirs,
  tempDir,
  waitFor,
  type Client,
  type UserKey,
} from './testkit';

const DIRECTORY = 'office/directory';
const ARTICLE = 'article/0b8f3c2e-5d4a-4f6b-9c1d-2e3f4a5b6c7d/content';
const T0 = Date.parse('2026-04-15T08:00:00.000Z');

const office = newUserKey();
const admin = newUserKey();
const reporter = newUserKey();
const retired = newUserKey();
const forger = newUserKey();
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function entry(userId: string, key: UserKey, signer: UserKey, fields: Partial<UnsignedDirectoryEntry> = {}) {
  const unsigned: UnsignedDirectoryEntry = {
    userId,
    username: userId,
    displayName: userId,
    role: 'reporter',
    byline: userId,
    unit: '',
    active: true,
    keys: [{ fingerprint: key.fingerprint, publicKey: key.publicKey, validFrom: at(0), validUntil: null }],
    sealedPrivateKey: null,
    passwordHash: 'scrypt$1024$8$1$c2FsdA==$a2V5',
    updatedAt: at(1),
    ...fields,
    signer: signer.fingerprint,
  };
  const signature = sign(null, directoryEntryMessage(unsigned, office.fingerprint), signer.privateKey);
  return { ...unsigned, signature: signature.toString('base64') } satisfies DirectoryEntry;
}

let dir: string;
let server: OfficeServer;
let clock = T0 + 5 * 60_000;
const logged: string[] = [];
const clients: Client[] = [];

async function start(officeFingerprint?: string): Promise<OfficeServer> {
  return startOfficeServer({
    dataDir: dir,
    port: 0,
    office: officeFingerprint,
    now: () => clock,
    log: (line) => logged.push(line),
  });
}

async function refusalFor(user: UserKey, name = ARTICLE): Promise<string> {
  const socket = new (pinnedWebSocket(server))(server.url);
  try {
    await new Promise((done, fail) => socket.once('open', done).once('error', fail));
    const answer = new Promise<Buffer>((done) => socket.once('message', (data: Buffer) => done(data)));
    socket.send(authMessage(name, await freshToken(server, user)));
    const reply = readAuthAnswer(await answer);
    return reply.accepted ? 'accepted' : reply.text;
  } finally {
    socket.terminate();
  }
}

const postEntries = (entries: unknown[], officeKey = office.publicKey) =>
  httpsCall(server, 'POST', '/directory/entries', {
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ officeKey, entries })),
  });

const postJson = async (path: string, body: unknown, user?: UserKey) =>
  httpsCall(server, 'POST', path, {
    headers: {
      'content-type': 'application/json',
      ...(user ? { authorization: authorizationHeader(await freshToken(server, user)) } : {}),
    },
    body: Buffer.from(JSON.stringify(body)),
  });

beforeAll(async () => {
  dir = join(tempDir('bientap-office-'), 'server');
  server = await start(office.fingerprint);
});

afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.close();
  removeTempDirs();
});

describe('the office key', () => {
  it('is pinned on first start, kept on later starts, and another one is refused', async () => {
    expect(server.office).toBe(office.fingerprint);
    await server.close();
    await expect(start(newUserKey().fingerprint)).rejects.toThrow(/đã gắn với khóa văn phòng/);
    await expect(start('không-phải-mã')).rejects.toThrow(/không phải dấu vân tay của khóa văn phòng/);
    server = await start();
    expect(server.office).toBe(office.fingerprint);
  });
});

describe('the directory document decides who may connect', () => {
  it('takes the entries whose chain reaches the office key, and refuses the others with the reason', async () => {
    const answer = await postEntries([
      entry('admin', admin, office, { role: 'admin' }),
      entry('ly', reporter, admin, { updatedAt: at(2) }),
      entry('cu', retired, office, { role: 'editor', active: false }),
      { ...entry('gia', forger, office), signature: entry('x', forger, forger).signature },
      entry('tu-phong', forger, reporter, { role: 'admin', updatedAt: at(3) }),
    ]);
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({
      accepted: 3,
      rejected: [
        { userId: 'gia', reason: 'Chữ ký của khóa văn phòng không đúng: mục giả mạo hoặc đã bị sửa.' },
        { userId: 'tu-phong', reason: `Người ký (ly) không phải quản trị viên vào lúc ${at(3)}.` },
      ],
    });
    expect(await refusalFor(reporter)).toBe('accepted');
    expect(await refusalFor(admin)).toBe('accepted');
    expect(await refusalFor(retired)).toBe('auth:disabled');
    expect(await refusalFor(forger)).toBe('auth:unknown-key');
    // Sent again: nothing new is appended.
    const again = await postEntries([entry('admin', admin, office, { role: 'admin' })]);
    expect(again.json()).toEqual({ accepted: 0, rejected: [] });
    // Another office's key is not accepted for this server.
    expect((await postEntries([], newUserKey().publicKey)).status).toBe(422);
  });

  it('ignores (and logs) a forged entry an administrator workstation writes into the document', async () => {
    const writer = connectClient(server, DIRECTORY, admin);
    clients.push(writer);
    await writer.synced;
    expect(writer.doc.getArray('entries').length).toBe(3);
    writer.doc.getArray('entries').push([{ ...entry('gia', forger, office, { role: 'admin' }), signature: 'AAAA' }]);
    await acknowledged(writer);
    await waitFor(() => logged.some((line) => line.includes('Bỏ qua một mục danh bạ (gia)')), 'logged');
    await server.directory?.settled();
    expect(await refusalFor(forger)).toBe('auth:unknown-key');
    expect([...(server.directory?.verified().accounts.keys() ?? [])].sort()).toEqual(['admin', 'cu', 'ly']);
    writer.destroy();
  });

  it('refuses an account once the directory disables it, on the socket and over HTTP', async () => {
    // Connected before: the connection is closed when the entry arrives, not left open until it drops.
    const open = connectClient(server, ARTICLE, reporter);
    clients.push(open);
    await open.synced;
    let closed = false;
    open.provider.on('disconnect', () => (closed = true));
    const before = await httpsCall(server, 'GET', `/blobs/${'0'.repeat(64)}`, {
      headers: { authorization: authorizationHeader(await freshToken(server, reporter)) },
    });
    expect(before.status).toBe(404);
    expect((await postEntries([entry('ly', reporter, admin, { active: false, updatedAt: at(4) })])).json()).toEqual({
      accepted: 1,
      rejected: [],
    });
    expect(await refusalFor(reporter)).toBe('auth:disabled');
    await waitFor(() => closed, 'kết nối của tài khoản bị khóa đã đóng');
    expect(logged.some((line) => line.startsWith('Đóng kết nối của ly: disabled'))).toBe(true);
    // It tries again, and is told why it cannot come back.
    await waitFor(() => open.refusals.includes('auth:disabled'), 'lý do bị từ chối');
    const after = await httpsCall(server, 'GET', `/blobs/${'0'.repeat(64)}`, {
      headers: { authorization: authorizationHeader(await freshToken(server, reporter)) },
    });
    expect(after.status).toBe(401);
  });

  it('refuses a key the account replaced (a password reset makes a new one)', async () => {
    const editor = newUserKey();
    const replacement = newUserKey();
    const keys = [
      { fingerprint: editor.fingerprint, publicKey: editor.publicKey, validFrom: at(0), validUntil: at(3) },
      { fingerprint: replacement.fingerprint, publicKey: replacement.publicKey, validFrom: at(3), validUntil: null },
    ];
    const answer = await postEntries([entry('thu', editor, office, { role: 'editor', keys, updatedAt: at(3) })]);
    expect(answer.json()).toEqual({ accepted: 1, rejected: [] });
    expect(await refusalFor(replacement)).toBe('accepted');
    expect(await refusalFor(editor)).toBe('auth:disabled');
  });

  it('keeps the verified directory across a restart', async () => {
    await server.close();
    server = await start(office.fingerprint);
    await server.directory?.settled();
    expect(await refusalFor(admin)).toBe('accepted');
    expect(await refusalFor(reporter)).toBe('auth:disabled');
  });
});

describe('invitations', () => {
  const secret = () => randomBytes(32).toString('base64url');
  const newId = () => randomBytes(16).toString('base64url');

  it('are registered by an administrator only', async () => {
    const body = { id: newId(), secretSha256: await invitationSecretHash(secret()), lifetimeSeconds: 3600 };
    expect((await postJson('/invitations', body)).status).toBe(401);
    expect((await postJson('/invitations', body, retired)).status).toBe(401);
    const other = newUserKey();
    expect((await postEntries([entry('hoa', other, admin, { role: 'editor', updatedAt: at(4) })])).status).toBe(200);
    expect((await postJson('/invitations', body, other)).status).toBe(403);
    const registered = await postJson('/invitations', body, admin);
    expect(registered.status).toBe(201);
    // Counted by the server's clock, whatever the administrator's says.
    expect(registered.json()).toEqual({ id: body.id, expiresAt: new Date(clock + 3_600_000).toISOString() });
    expect((await postJson('/invitations', body, admin)).status).toBe(409);
    expect((await postJson('/invitations', { ...body, id: newId(), lifetimeSeconds: 0 }, admin)).status).toBe(400);
  });

  it('are accepted once, with the right secret, before they expire by the server clock', async () => {
    const good = secret();
    const id = newId();
    const register = { id, secretSha256: await invitationSecretHash(good), lifetimeSeconds: 3600 };
    expect((await postJson('/invitations', register, admin)).status).toBe(201);

    const wrong = await postJson('/invitations/redeem', { id, secret: secret() });
    expect(wrong.status).toBe(403);
    expect(wrong.json()).toMatchObject({ error: 'invitation-unknown' });
    expect((await postJson('/invitations/redeem', { id: newId(), secret: good })).status).toBe(403);
    expect((await postJson('/invitations/redeem', { id, secret: 'ngắn' })).status).toBe(400);

    const redeemed = await postJson('/invitations/redeem', { id, secret: good });
    expect(redeemed.status).toBe(200);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from((redeemed.json() as { directory: string }).directory, 'base64'));
    const { accounts } = await readDirectory(doc, { fingerprint: office.fingerprint });
    expect(accounts.get('admin')?.role).toBe('admin');

    const twice = await postJson('/invitations/redeem', { id, secret: good });
    expect(twice.status).toBe(409);
    expect(twice.json()).toMatchObject({ error: 'invitation-used' });

    const late = secret();
    const lateId = newId();
    const lateRegister = { id: lateId, secretSha256: await invitationSecretHash(late), lifetimeSeconds: 1800 };
    expect((await postJson('/invitations', lateRegister, admin)).status).toBe(201);
    clock += 30 * 60_000;
    const expired = await postJson('/invitations/redeem', { id: lateId, secret: late });
    expect(expired.status).toBe(410);
    expect(expired.json()).toMatchObject({ error: 'invitation-expired' });
  });
});
