import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { openCore, type Core } from '../index';
import { body } from '../reviewkit';
import { openSeededCore, tempDir } from '../testkit';
import { flushSearchIndex } from './indexer';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const FIXED_NOW = new Date('2026-04-15T04:00:00.000Z');

/** Articles whose index rows hold these folded words, read from the file as another program would. */
function indexed(file: string, match: string): string[] {
  const reader = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return reader
      .prepare(
        `SELECT d.article_id FROM search_folded f JOIN search_docs d ON d.docid = f.rowid
         WHERE f.search_folded MATCH ?`,
      )
      .pluck()
      .all(match) as string[];
  } finally {
    reader.close();
  }
}

async function waitFor(check: () => boolean, ms: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

/** The running app's core over the data folder of a seeded test core, its sessions still valid. */
function reopenAsApp(dir: string): Core {
  const core = openCore({ dataDir: dir, now: () => FIXED_NOW, publishWorker: false });
  cleanups.push(() => core.close());
  return core;
}

async function call(core: Core, method: string, input: unknown, session: string): Promise<unknown> {
  const result = await core.dispatch({ method, session, input });
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('search indexing after saves', () => {
  it('leaves the index to after the save, and a search first indexes what is queued', async () => {
    const { core, sessions } = await openSeededCore();
    cleanups.push(() => core.close());
    const { id } = await core.call('articles.create', {}, sessions.phongvien);
    await core.call(
      'articles.save',
      { id, baseVersion: 1, title: 'Cầu Trường Tiền', summary: '', body: body('Sáu vài mười hai nhịp.') },
      sessions.phongvien,
    );
    expect(core.db.prepare('SELECT article_id FROM search_queue').pluck().all()).toEqual([id]);
    expect(indexed(core.db.name, 'nhip')).toEqual([]);

    const hits = await core.call('articles.search', { query: 'muoi hai nhip' }, sessions.phongvien);
    expect(hits.items.map((hit) => hit.id)).toEqual([id]);
    expect(core.db.prepare('SELECT count(*) FROM search_queue').pluck().get()).toBe(0);
  });

  it('in the running app, makes a saved article findable by its new words within 2 s, with no search asking', async () => {
    const seeded = await openSeededCore();
    const dir = seeded.core.dir;
    seeded.core.db.close();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const app = reopenAsApp(dir);
    const session = seeded.sessions.phongvien!;

    const { id } = (await call(app, 'articles.create', {}, session)) as { id: string };
    await call(
      app,
      'articles.save',
      { id, baseVersion: 1, title: 'Chợ Đông Ba', summary: '', body: body('Phiên chợ quê ngày Tết.') },
      session,
    );
    const waited = await waitFor(() => indexed(app.dbPath, 'phien cho que').includes(id), 2000);
    expect(waited).toBeLessThanOrEqual(2000);
    const found = (await call(app, 'articles.search', { query: 'phiên chợ' }, session)) as { items: { id: string }[] };
    expect(found.items.map((hit) => hit.id)).toEqual([id]);
  });

  it('loses nothing when the app stops between a save and its indexing: the index catches up on start', async () => {
    const seeded = await openSeededCore();
    const { core, sessions } = seeded;
    const dir = core.dir;
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const ids: string[] = [];
    for (const words of ['Nhã nhạc cung đình.', 'Áo dài Huế.', 'Đầm phá Tam Giang.']) {
      const { id } = await core.call('articles.create', {}, sessions.phongvien);
      await core.call(
        'articles.save',
        { id, baseVersion: 1, title: '', summary: '', body: body(words) },
        sessions.phongvien,
      );
      ids.push(id);
    }
    // The saves are on disk, their indexing is not: what a crash right after them leaves behind.
    const file = core.db.name;
    core.db.close();
    expect(indexed(file, 'nha nhac OR ao dai OR tam giang')).toEqual([]);

    const app = reopenAsApp(dir);
    await waitFor(() => indexed(file, 'nha nhac OR ao dai OR tam giang').length === 3, 2000);
    expect(indexed(file, '"nha nhac" OR "ao dai" OR "tam giang"').sort()).toEqual([...ids].sort());
    const found = (await call(app, 'articles.search', { query: 'ao dai' }, sessions.phongvien!)) as {
      items: { id: string }[];
    };
    expect(found.items.map((hit) => hit.id)).toEqual([ids[1]]);
  });
});

describe('search indexing cut off by a crash', () => {
  it('keeps every article either indexed or queued when the indexing process is killed, and finishes after', async () => {
    const dir = tempDir();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'bientap.sqlite');
    const count = 1500;
    const seed = openDatabase(file);
    seed
      .prepare(
        `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
         VALUES ('u1', 'phongvien', 'Huỳnh Thị Ly', 'reporter', 'x', ?, ?)`,
      )
      .run(FIXED_NOW.toISOString(), FIXED_NOW.toISOString());
    const insert = seed.prepare(
      `INSERT INTO articles (id, title, summary, body_json, body_text, author_id, created_at, updated_at, updated_by)
       VALUES (?, ?, '', '{}', ?, 'u1', ?, ?, 'u1')`,
    );
    const filler = 'Đoàn đi trên đường Lê Lợi, qua cầu Trường Tiền, về chợ Đông Ba. '.repeat(30);
    seed.transaction(() => {
      for (let n = 0; n < count; n++) {
        const at = new Date(FIXED_NOW.getTime() + n * 1000).toISOString();
        insert.run(`a${n}`, `Bài mã k${n}x`, filler, at, at);
      }
    })();
    seed.close();

    // Another process indexes one article per transaction and is killed partway through.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { openDatabase } = await import(${JSON.stringify(new URL('../db/connection.ts', import.meta.url).href)});
         const { indexBatch } = await import(${JSON.stringify(new URL('./indexer.ts', import.meta.url).href)});
         const db = openDatabase(${JSON.stringify(file)});
         process.stdout.write('ready\\n');
         while (indexBatch(db, 1) > 0);
         process.stdout.write('done\\n');`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes('ready'), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(output).not.toContain('done');

    const db = openDatabase(file);
    cleanups.push(() => db.close());
    const docs = new Set(db.prepare('SELECT article_id FROM search_docs').pluck().all() as string[]);
    const queue = new Set(db.prepare('SELECT article_id FROM search_queue').pluck().all() as string[]);
    expect(docs.size).toBeGreaterThan(0);
    expect(queue.size).toBeGreaterThan(0);
    for (let n = 0; n < count; n++) expect(docs.has(`a${n}`) !== queue.has(`a${n}`), `a${n}`).toBe(true);

    flushSearchIndex(db);
    const find = db
      .prepare(
        `SELECT d.article_id FROM search_folded f JOIN search_docs d ON d.docid = f.rowid
         WHERE f.search_folded MATCH ?`,
      )
      .pluck();
    for (let n = 0; n < count; n++) expect(find.all(`k${n}x`), `a${n}`).toEqual([`a${n}`]);
    expect(db.prepare('SELECT count(*) FROM search_queue').pluck().get()).toBe(0);
  });
});
