import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { RecoveryStatus } from '../../shared/recovery';
import { openCore, type Core } from '../index';
import { TEST_KDF_COST, tempDir } from '../testkit';

const ARTICLES = 300;

async function value<T>(core: Core, method: string, input: unknown = {}, session: string | null = null): Promise<T> {
  const result = await core.dispatch({ method, session, input });
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** A workstation with an administrator, ARTICLES articles ("Bài số 0" …) and one backup made by hand. */
async function workstation(): Promise<{ dir: string; file: string; backup: string }> {
  const dir = tempDir();
  const core = openCore({ dataDir: dir, kdfCost: TEST_KDF_COST, publishWorker: false, backups: false });
  const { session } = await value<{ session: string }>(core, 'setup.createAdmin', {
    username: 'quantri',
    displayName: 'Quản trị',
    password: 'mật khẩu đủ dài 123',
  });
  for (let i = 0; i < 3; i++) await value(core, 'articles.create', { title: `Bài số ${i}` }, session);
  await core.close();
  // The rest copied from the first in SQL: many rows, spread over many pages.
  const file = join(dir, 'bientap.sqlite');
  const db = new Database(file);
  const copy = db.prepare(
    `INSERT INTO articles (id, title, summary, body_json, body_text, word_count, author_id, status, version, created_at, updated_at, updated_by)
     SELECT ?, ?, summary, body_json, ?, word_count, author_id, status, version, created_at, updated_at, updated_by
     FROM articles ORDER BY rowid LIMIT 1`,
  );
  for (let i = 3; i < ARTICLES; i++)
    copy.run(randomUUID(), `Bài số ${i}`, `Nội dung của bài số ${i}. ${'Festival Huế '.repeat(20)}`);
  db.close();
  const reopened = openCore({ dataDir: dir, kdfCost: TEST_KDF_COST, publishWorker: false, backups: false });
  const again = await value<{ session: string }>(reopened, 'auth.login', {
    username: 'quantri',
    password: 'mật khẩu đủ dài 123',
  });
  const backup = await value<{ file: string }>(reopened, 'backup.now', {}, again.session);
  await reopened.close();
  return { dir, file, backup: backup.file };
}

/** Overwrites one leaf page of the articles table, in the middle of it, with garbage. */
function damageOneLeafPage(file: string): void {
  const db = new Database(file, { readonly: true });
  const leaves = db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY pageno")
    .pluck()
    .all() as number[];
  const size = db.pragma('page_size', { simple: true }) as number;
  db.close();
  expect(leaves.length).toBeGreaterThan(5);
  const page = leaves[Math.floor(leaves.length / 2)]!;
  const bytes = readFileSync(file);
  bytes.fill(0x5a, (page - 1) * size, (page - 1) * size + 64);
  writeFileSync(file, bytes);
}

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('a workstation whose data file is damaged', () => {
  it('opens the recovery screen: reads what it can, saves it as a file, restores a backup at the next start, writes nothing', async () => {
    const { dir, file, backup } = await workstation();
    damageOneLeafPage(file);
    const before = digest(file);

    const core = openCore({ dataDir: dir, kdfCost: TEST_KDF_COST, publishWorker: false, backups: false });
    const status = await value<Extract<RecoveryStatus, { damaged: true }>>(core, 'recovery.status');
    expect(status).toMatchObject({ damaged: true, file, folder: join(dir, 'sao-luu'), pendingRestore: null });
    expect(status.detail).not.toBe('');
    expect(status.backups.map((b) => b.file)).toEqual([backup]);
    // One page lost: the rows before it and the rows after it are still read.
    expect(status.readableArticles).toBeGreaterThan(ARTICLES / 2);
    expect(status.readableArticles).toBeLessThan(ARTICLES);

    // Nothing else is open: no sign-in, no articles.
    for (const method of ['auth.login', 'articles.list', 'backup.now']) {
      expect(await core.dispatch({ method, session: null, input: {} })).toMatchObject({
        ok: false,
        error: { code: 'UNAVAILABLE', message: expect.stringContaining('màn hình khôi phục') },
      });
    }
    expect(await core.dispatch({ method: 'nope', session: null, input: {} })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(await core.dispatch('garbage')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    const saved = await value<{ fileName: string; text: string; count: number }>(core, 'recovery.export');
    expect(saved.count).toBe(status.readableArticles);
    expect(saved.fileName).toMatch(/^bientap-bai-doc-duoc-\d{8}-\d{4}\.txt$/);
    expect(saved.text).toContain('Bài số 0\n');
    expect(saved.text).toContain(`Bài số ${ARTICLES - 1}\n`);
    expect(saved.text).toContain(`Nội dung của bài số ${ARTICLES - 1}.`);
    expect(saved.text.match(/^═+$/gm)).toHaveLength(saved.count);
    const log = await value<{ text: string }>(core, 'logs.export');
    expect(log.text).toMatch(/LỖI Không mở được dữ liệu/);

    // Only a backup from the list, and only one that reads.
    expect(await core.dispatch({ method: 'recovery.restore', session: null, input: { file: '../x' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(
      await core.dispatch({
        method: 'recovery.restore',
        session: null,
        input: { file: 'bientap-20200101-000000-thu-cong.sqlite' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const chosen = await value<RecoveryStatus>(core, 'recovery.restore', { file: backup });
    expect(chosen).toMatchObject({ pendingRestore: join(dir, 'sao-luu', backup) });
    await core.close();
    expect(digest(file)).toBe(before);

    // The next start puts the backup in place and opens normally, the damaged file kept beside it.
    const restored = openCore({ dataDir: dir, kdfCost: TEST_KDF_COST, publishWorker: false, backups: false });
    try {
      expect(await value(restored, 'recovery.status')).toEqual({ damaged: false });
      const { session } = await value<{ session: string }>(restored, 'auth.login', {
        username: 'quantri',
        password: 'mật khẩu đủ dài 123',
      });
      const { items } = await value<{ items: unknown[] }>(restored, 'articles.list', {}, session);
      expect(items).toHaveLength(ARTICLES);
      expect(await restored.dispatch({ method: 'recovery.export', session, input: {} })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringContaining('bình thường') },
      });
    } finally {
      await restored.close();
    }
  });

  it('whose header is gone reads nothing, and still offers the backups', async () => {
    const { dir, file, backup } = await workstation();
    const bytes = readFileSync(file);
    bytes.write('Biên Tập hỏng!!', 0);
    writeFileSync(file, bytes);
    const core = openCore({ dataDir: dir, kdfCost: TEST_KDF_COST, publishWorker: false, backups: false });
    try {
      expect(await value(core, 'recovery.status')).toMatchObject({
        damaged: true,
        readableArticles: null,
        backups: [expect.objectContaining({ file: backup })],
      });
      expect(await value(core, 'recovery.export')).toMatchObject({ count: 0 });
    } finally {
      await core.close();
    }
  });
});
