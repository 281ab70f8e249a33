/** Shared set-up for the core's tests: a real SQLite file in a temp folder, a clock the test moves. */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiResult } from '../shared/api/envelope';
import type { MethodInput, MethodOutput } from '../shared/api/contract';
import type { MethodName } from '../shared/api/methods';
import type { Role } from '../shared/domain';
import { createDispatcher, type Dispatch } from './api/dispatcher';
import { handlers } from './api/handlers';
import { createContext, type CoreContext } from './context';
import { openDatabase, type Db } from './db/connection';

export interface TestCore {
  dir: string;
  db: Db;
  ctx: CoreContext;
  dispatch: Dispatch;
  clock: { now: Date; advance(ms: number): void };
  call<M extends MethodName>(method: M, input: MethodInput<M>, session?: string | null): Promise<MethodOutput<M>>;
  tryCall(method: string, input: unknown, session?: string | null): Promise<ApiResult>;
  /** Writes this connection has made so far: a rejected call must not move it. */
  changes(): number;
  close(): void;
}

export function tempDir(prefix = 'bientap-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

const sharedDirs: string[] = [];

/** A temp folder for files a whole test file shares; `removeSharedTempDirs` takes it away after the file. */
export function sharedTempDir(prefix: string): string {
  const dir = tempDir(prefix);
  sharedDirs.push(dir);
  return dir;
}

/** Run after each test file (vitest's setup file `src/core/testCleanup.ts`). */
export function removeSharedTempDirs(): void {
  for (const dir of sharedDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  template = undefined;
}

export function openTestCore(options: { demoText?: string; copyOf?: string } = {}): TestCore {
  const dir = tempDir();
  if (options.copyOf) copyFileSync(options.copyOf, join(dir, 'bientap.sqlite'));
  const db = openDatabase(join(dir, 'bientap.sqlite'));
  const clock = {
    now: new Date('2026-04-15T03:51:38.000Z'),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const ctx = createContext(db, { now: () => clock.now, demoText: options.demoText ?? null });
  const dispatch = createDispatcher(ctx, handlers, () => {});
  const tryCall = (method: string, input: unknown, session: string | null = null) =>
    dispatch({ method, session, input });
  return {
    dir,
    db,
    ctx,
    dispatch,
    clock,
    tryCall,
    async call(method, input, session = null) {
      const result = await tryCall(method, input, session);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    changes: () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const PASSWORD = 'mật-khẩu-đủ-dài-2026';

/** The first administrator, then (optionally) more accounts; returns their sessions. */
export async function withAccounts(
  core: TestCore,
  others: { username: string; role: Role; displayName?: string }[] = [],
): Promise<Record<string, string>> {
  const admin = await core.call('setup.createAdmin', {
    username: 'quantri',
    displayName: 'Quản Trị Viên',
    password: PASSWORD,
  });
  const sessions: Record<string, string> = { quantri: admin.session };
  for (const other of others) {
    await core.call(
      'users.create',
      {
        username: other.username,
        displayName: other.displayName ?? other.username,
        password: PASSWORD,
        role: other.role,
      },
      admin.session,
    );
    sessions[other.username] = (
      await core.call('auth.login', { username: other.username, password: PASSWORD })
    ).session;
  }
  return sessions;
}

/** Everyone a test may need, one of each role plus a second reporter. */
export const STANDARD_ACCOUNTS: { username: string; role: Role; displayName: string }[] = [
  { username: 'phongvien', role: 'reporter', displayName: 'Huỳnh Thị Ly' },
  { username: 'phongvien2', role: 'reporter', displayName: 'Trần Văn Bình' },
  { username: 'bientap', role: 'editor', displayName: 'Lê Thị Hoà' },
  { username: 'truongphong', role: 'head', displayName: 'Nguyễn Văn Thuỷ' },
];

let template: Promise<{ file: string; sessions: Record<string, string> }> | undefined;

/**
 * A core with the standard accounts signed in. Hashing passwords at OWASP cost takes most of a
 * second each, so the accounts are made once per test file and each test gets a copy of that file.
 */
export async function openSeededCore(): Promise<{ core: TestCore; sessions: Record<string, string> }> {
  template ??= (async () => {
    const seed = openTestCore();
    const sessions = await withAccounts(seed, STANDARD_ACCOUNTS);
    const file = join(sharedTempDir('bientap-template-'), 'bientap.sqlite');
    seed.db.prepare('VACUUM INTO ?').run(file);
    seed.close();
    return { file, sessions };
  })();
  const { file, sessions } = await template;
  return { core: openTestCore({ copyOf: file }), sessions: { ...sessions } };
}

/**
 * From now on the core's clock runs at real speed from where the test clock stands, so sessions
 * made at the fixed start stay fresh while retries and backoff take real time.
 */
export function runOnRealTime(core: TestCore): void {
  const origin = core.clock.now.getTime();
  const start = Date.now();
  core.ctx.now = () => new Date(origin + (Date.now() - start));
}
