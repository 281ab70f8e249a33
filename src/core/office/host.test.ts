import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/api/envelope';
import { DATABASE_FILE } from '../dataFile';
import { openCore, type Core } from '../index';
import { ensureOfficeKey } from '../seal/officeKey';
import {
  PASSWORD,
  openSeededCore,
  openTestCore,
  runOnRealTime,
  sharedTempDir,
  TEST_KDF_COST,
  tempDir,
} from '../testkit';
import { createInvitation, createOffice, joinOffice } from './invitations';
import { officeStatus } from './status';
import { startServerProcess, type ServerProcess, waitUntil } from './testServer';

// The office connection as the app runs it (openCore): it signs in to the server as whoever signs in
// to the workstation, and an account made on the office's workstation reaches a laptop by itself.

let server: ServerProcess;
let officeCore: Core;
let laptopCore: Core;
let laptopDir: string;

async function call<T>(core: Core, method: string, input: unknown, session: string | null = null): Promise<T> {
  const result = (await core.dispatch({ method, input, session })) as ApiResult<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const waitFor = (check: () => boolean, what: string, timeoutMs = 15_000) => waitUntil(check, what, { timeoutMs });

beforeAll(async () => {
  const { core: office } = await openSeededCore();
  runOnRealTime(office);
  server = await startServerProcess({
    data: join(tempDir(), 'server'),
    office: ensureOfficeKey(office.ctx).fingerprint,
  });
  await createOffice(office.ctx, { url: server.url, cert: `sha256:${server.certSha256}` });
  const { line } = await createInvitation(office.ctx, { username: 'quantri', password: PASSWORD });
  const laptop = openTestCore();
  runOnRealTime(laptop);
  await joinOffice(laptop.ctx, line);
  // Each workstation's data folder as the app opens it (a test core removes its own when closed).
  const officeDir = sharedTempDir('bientap-office-');
  laptopDir = sharedTempDir('bientap-laptop-');
  office.db.prepare('VACUUM INTO ?').run(join(officeDir, DATABASE_FILE));
  laptop.db.prepare('VACUUM INTO ?').run(join(laptopDir, DATABASE_FILE));
  office.close();
  laptop.close();
  officeCore = openCore({ dataDir: officeDir, kdfCost: TEST_KDF_COST, publishWorker: false });
  laptopCore = openCore({ dataDir: laptopDir, kdfCost: TEST_KDF_COST, publishWorker: false });
}, 60_000);

afterAll(async () => {
  officeCore?.close();
  laptopCore?.close();
  await server?.kill('SIGTERM');
});

describe('the office connection of a running workstation', () => {
  it('connects as whoever signs in, and brings a new account from the office workstation', async () => {
    expect(statusOf(laptopDir).state).not.toBe('synced');
    // Nobody signed in on the laptop: the connection has no key to sign the server's challenge with.
    await call(laptopCore, 'auth.login', { username: 'phongvien', password: PASSWORD });
    await waitFor(() => statusOf(laptopDir).state === 'synced', 'the laptop synced');

    const admin = await call<{ session: string }>(officeCore, 'auth.login', {
      username: 'quantri',
      password: PASSWORD,
    });
    await call(
      officeCore,
      'users.create',
      { username: 'phongvien3', displayName: 'Phan Thị Mai', role: 'reporter', password: PASSWORD },
      admin.session,
    );
    // On the laptop, without a restart: the new reporter signs in with her password.
    await waitFor(() => accountOnLaptop('phongvien3'), 'the new account reached the laptop');
    await call(laptopCore, 'auth.login', { username: 'phongvien3', password: PASSWORD });
  }, 60_000);
});

describe('an office made and joined from the app’s own screens', () => {
  let server2: ServerProcess | null = null;
  let desk: Core | null = null;
  let fresh: Core | null = null;
  afterAll(async () => {
    desk?.close();
    fresh?.close();
    await server2?.kill('SIGTERM');
  });

  it('creates the office, invites a laptop, and both link up without a restart', async () => {
    // The administrator's workstation, as it stands before the office: accounts and articles of its own.
    const { core: seeded } = await openSeededCore();
    const deskDir = sharedTempDir('bientap-desk-');
    seeded.db.prepare('VACUUM INTO ?').run(join(deskDir, DATABASE_FILE));
    seeded.close();
    desk = openCore({ dataDir: deskDir, kdfCost: TEST_KDF_COST, publishWorker: false });
    const admin = (await call<{ session: string }>(desk, 'auth.login', { username: 'quantri', password: PASSWORD }))
      .session;
    const head = (await call<{ session: string }>(desk, 'auth.login', { username: 'truongphong', password: PASSWORD }))
      .session;
    expect(await call(desk, 'office.info', {}, admin)).toEqual({ membership: 'none', server: null, officeKey: null });
    expect(await refusal(desk, 'office.info', {}, head)).toBe('FORBIDDEN');
    const { officeKey } = await call<{ officeKey: string }>(desk, 'office.prepare', {}, admin);
    // Asked again, the same key: the server is started with it once.
    expect(await call(desk, 'office.prepare', {}, admin)).toEqual({ officeKey });

    server2 = await startServerProcess({ data: join(tempDir(), 'server2'), office: officeKey });
    const form = { server: server2.url, cert: `sha256:${server2.certSha256}`, password: PASSWORD };
    expect(await refusal(desk, 'office.create', { ...form, password: 'không phải mật khẩu' }, admin)).toBe(
      'WRONG_PASSWORD',
    );
    // Another certificate than the one the server printed: refused before anything is sent.
    const impostor = await refusal(desk, 'office.create', { ...form, cert: `sha256:${'0'.repeat(64)}` }, admin, true);
    expect(impostor).toMatch(/INVALID_INPUT .*chứng chỉ/);
    expect((await call<{ membership: string }>(desk, 'office.info', {}, admin)).membership).toBe('none');

    const created = await call<{ server: string; accounts: number }>(desk, 'office.create', form, admin);
    expect(created).toEqual({ server: server2.url, accounts: 5 });
    expect(await call(desk, 'office.info', {}, admin)).toEqual({
      membership: 'holder',
      server: server2.url,
      officeKey,
    });
    expect(await refusal(desk, 'office.create', form, admin)).toBe('INVALID_INPUT');
    // Its link is up at once, signed in as the administrator who made it.
    await waitFor(() => statusOf(deskDir).state === 'synced', 'the desk synced');

    expect(await refusal(desk, 'office.invite', { password: PASSWORD }, head)).toBe('FORBIDDEN');
    expect(await refusal(desk, 'office.invite', { password: 'sai mật khẩu rồi' }, admin)).toBe('WRONG_PASSWORD');
    const { line } = await call<{ line: string }>(desk, 'office.invite', { password: PASSWORD, hours: 2 }, admin);
    expect(line).toMatch(/^bientap-moi:/);

    // A new laptop, no account on it: "Tham gia phòng" with the line.
    const freshDir = sharedTempDir('bientap-fresh-');
    fresh = openCore({ dataDir: freshDir, kdfCost: TEST_KDF_COST, publishWorker: false });
    expect(await refusal(fresh, 'office.join', { invitation: 'bientap-moi:không-phải-lời-mời' })).toBe('INVALID_INPUT');
    const joined = await call<{ server: string; accounts: number }>(fresh, 'office.join', { invitation: line });
    expect(joined).toEqual({ server: server2.url, accounts: 5 });
    expect(await call(fresh, 'setup.status', {})).toEqual({ needsAdmin: false });
    // Accounts are there now: the screen is not for joining again.
    expect(await refusal(fresh, 'office.join', { invitation: line })).toBe('ALREADY_SET_UP');

    // She signs in with her usual password; what she writes reaches the desk, neither restarted.
    const reporter = (
      await call<{ session: string }>(fresh, 'auth.login', { username: 'phongvien', password: PASSWORD })
    ).session;
    await waitFor(() => statusOf(freshDir).state === 'synced', 'the laptop synced');
    const article = await call<{ id: string }>(fresh, 'articles.create', { title: 'Viết trên máy mới' }, reporter);
    await waitFor(() => articleIn(deskDir, article.id), 'the article reached the desk');
  }, 90_000);
});

/** The error code of a refused call (with its message when `withMessage`). */
async function refusal(core: Core, method: string, input: unknown, session: string | null = null, withMessage = false) {
  const result = (await core.dispatch({ method, input, session })) as ApiResult<unknown>;
  if (result.ok) throw new Error(`${method} was not refused`);
  return withMessage ? `${result.error.code} ${result.error.message}` : result.error.code;
}

function articleIn(dataDir: string, id: string): boolean {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT 1 FROM articles WHERE id = ?').get(id) !== undefined;
  } finally {
    db.close();
  }
}

function accountOnLaptop(username: string): boolean {
  const db = new Database(join(laptopDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT 1 FROM users WHERE username = ?').get(username) !== undefined;
  } finally {
    db.close();
  }
}

/** What `bientap office status` reads: the data folder's own database, opened read-only. */
function statusOf(dataDir: string) {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return officeStatus({ db, now: () => new Date() });
  } finally {
    db.close();
  }
}
