/** Shared set-up for the core's tests: a real SQLite file in a temp folder, a clock the test moves. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { ApiResult } from '../shared/api/envelope';
import type { MethodInput, MethodOutput } from '../shared/api/contract';
import type { MethodName } from '../shared/api/methods';
import type { Role } from '../shared/domain';
import { createDispatcher, type Dispatch } from './api/dispatcher';
import { handlers } from './api/handlers';
import { TEST_ONLY_KDF_COST, type KdfCost } from './auth/kdf';
import { GENESIS_HASH, hashAuditRow } from './audit/log';
import { createContext, type CoreContext } from './context';
import { migrate, openDatabase, type Db } from './db/connection';
import { sharedTempDir, tempDir, whenSharedTempDirsRemoved } from './testTempDirs';

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

export { removeSharedTempDirs, sharedTempDir, tempDir } from './testTempDirs';

/**
 * The key-derivation cost tests hash and seal at: 2^10 instead of OWASP's 2^17, about a hundred
 * times faster. Each stored hash and sealed key records its cost, so nothing else changes; one test
 * asserts the production cost and that keys made at either cost keep verifying.
 */
export const TEST_KDF_COST: Readonly<KdfCost> = TEST_ONLY_KDF_COST;

export function openTestCore(options: { demoText?: string; copyOf?: string; kdfCost?: KdfCost } = {}): TestCore {
  const dir = tempDir();
  if (options.copyOf) copyFileSync(options.copyOf, join(dir, 'bientap.sqlite'));
  const db = openDatabase(join(dir, 'bientap.sqlite'));
  const clock = {
    now: new Date('2026-04-15T03:51:38.000Z'),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const ctx = createContext(db, {
    dataDir: dir,
    now: () => clock.now,
    demoText: options.demoText ?? null,
    kdfCost: options.kdfCost ?? TEST_KDF_COST,
  });
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
// The template's file sits in a shared temp folder: when that goes, so does the template.
whenSharedTempDirsRemoved(() => (template = undefined));

/**
 * A core with the standard accounts signed in. The accounts are made once per test file and each
 * test gets a copy of that file, so every test starts from the same sessions and audit chain.
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

/**
 * Edits the database the way someone with the file and an SQLite shell could: the audit log's
 * guard triggers dropped first. Takes an open connection or a database file.
 */
export function tamper(target: Db | string, sql: string, ...params: unknown[]): void {
  const db = typeof target === 'string' ? new Database(target) : target;
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
    db.prepare(sql).run(...params);
  } finally {
    if (typeof target === 'string') db.close();
  }
}

/**
 * An approval event copied back in as a new row (the parameter: the original's seq), as if the
 * article had gone back to review and been approved again: what replaying a signature looks like.
 */
export const REPLAY_APPROVAL_SQL = `INSERT INTO article_events (id, article_id, kind, actor_id, at, from_status, to_status,
    content_hash, signature, key_fingerprint, note, revision_id, scheduled_for, signature_format, audit_head)
  SELECT 'e0000000-0000-4000-8000-000000000001', article_id, kind, actor_id, at, 'submitted', to_status, content_hash,
    signature, key_fingerprint, note, revision_id, scheduled_for, signature_format, audit_head
  FROM article_events WHERE seq = ?`;

/**
 * What an attacker with the file does to hide one audit row: deletes it and recomputes every later
 * row's link and hash, so the shorter chain is whole again.
 */
export function deleteAuditRowAndRechain(target: Db | string, seq: number): void {
  const db = typeof target === 'string' ? new Database(target) : target;
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
    db.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq);
    let prev =
      (db.prepare('SELECT hash FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT 1').pluck().get(seq) as
        string | undefined) ?? GENESIS_HASH;
    const later = db.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq').all(seq) as Parameters<
      typeof hashAuditRow
    >[0][];
    const rewrite = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
    for (const row of later) {
      const hash = hashAuditRow({ ...row, prev_hash: prev });
      rewrite.run(prev, hash, row.id);
      prev = hash;
    }
  } finally {
    if (typeof target === 'string') db.close();
  }
}

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs the real `bientap` command as a child process, as an administrator at a terminal would:
 * from source through tsx, or through `bin/bientap.mjs` as the installed command starts.
 */
export function runCli(
  args: string[],
  { stdin = '', viaBin = false }: { stdin?: string; viaBin?: boolean } = {},
): { code: number | null; stdout: string; stderr: string } {
  const entry = viaBin ? ['bin/bientap.mjs'] : ['--import', 'tsx', 'src/cli/main.ts'];
  const result = spawnSync(process.execPath, [...entry, ...args], {
    cwd: PROJECT_ROOT,
    input: stdin,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * For a migration's test: a database file migrated only up to `version`, so the test can write
 * rows as that version did and then migrate. Its folder goes when the test file ends.
 */
export function databaseAtVersion(version: number): { db: Database.Database; file: string } {
  const file = join(sharedTempDir('bientap-migration-'), 'bientap.sqlite');
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  migrate(db, version);
  return { db, file };
}
