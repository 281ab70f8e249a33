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
import { startServerProcess, type ServerProcess } from './testServer';

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

async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Hết thời gian chờ: ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

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
