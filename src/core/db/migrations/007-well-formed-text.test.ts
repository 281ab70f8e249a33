import { join } from 'node:path';
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { body as bodyOf } from '../../reviewkit';
import { databaseAtVersion, openSeededCore, openTestCore, sharedTempDir } from '../../testkit';
import { migrate } from '../connection';
import { LATEST_VERSION } from './index';
import { wellFormedJsonText, wellFormedUtf8 } from './007-well-formed-text';

const NOW = '2026-04-15T03:51:38.000Z';
const body = (text: string) =>
  JSON.stringify({
    root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text }] }] },
  });
/** What JSON.stringify wrote for half an emoji: the escape `\udfff`, not a character. */
const CUT = 'Lễ hội\udfff đêm rằm';
const FIXED = 'Lễ hội\ufffd đêm rằm';

/**
 * A version-6 database as an office had it before the contract refused lone surrogates: some JSON
 * texts hold one as an escape, others hold a literal backslash-u, a real emoji, or nothing odd.
 */
function versionSixDatabase(): Database.Database {
  const { db } = databaseAtVersion(6);
  db.prepare(
    `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
     VALUES ('u1', 'phongvien', 'Huỳnh Thị Ly', 'reporter', 'x', ?, ?)`,
  ).run(NOW, NOW);
  const article = db.prepare(
    `INSERT INTO articles (id, title, body_json, body_text, author_id, created_at, updated_at, updated_by, tags_json)
     VALUES (?, ?, ?, ?, 'u1', ?, ?, 'u1', ?)`,
  );
  // Written the way the app wrote them: JSON.stringify, bound as a parameter.
  article.run('cut', CUT, body(CUT), CUT, NOW, NOW, JSON.stringify(['Huế', '\ud83d']));
  article.run('emoji', 'Pháo hoa 🎆', body('Pháo hoa 🎆'), '', NOW, NOW, '["Huế"]');
  // An escaped pair (another JSON writer) and a backslash the writer typed before "udfff".
  article.run('escaped', 'Ghi chú', String.raw`{"root":{"text":"\ud83c\udf86 \\udfff \u00e9"}}`, '', NOW, NOW, '[]');
  db.prepare(
    `INSERT INTO revisions (id, article_id, article_version, kind, title, summary, body_json, body_text, author_id,
                            created_at, updated_at, tags_json)
     VALUES (?, 'cut', 1, 'created', '', '', ?, ?, 'u1', ?, ?, ?)`,
  ).run('r1', body(CUT), CUT, NOW, NOW, JSON.stringify(['\udc00Huế']));
  db.prepare(
    `INSERT INTO comment_entries (id, article_id, kind, author_id, at, body, anchor_json)
     VALUES ('c1', 'cut', 'comment', 'u1', ?, 'Xem lại', ?)`,
  ).run(NOW, JSON.stringify({ exact: 'hội\udfff đêm', prefix: 'Lễ ', suffix: ' rằm' }));
  db.prepare(`INSERT INTO settings (key, value_json, updated_at) VALUES ('house', ?, ?)`).run(
    JSON.stringify({ words: ['\ud800x'] }),
    NOW,
  );
  db.prepare(
    `INSERT INTO publish_targets (id, kind, name, config_json, created_at, updated_at)
     VALUES ('t1', 'static', 'Trang tĩnh', ?, ?, ?)`,
  ).run(JSON.stringify({ folder: '/srv/site' }), NOW, NOW);
  return db;
}

/** Every update migration 007 makes, recorded by temporary triggers on this connection. */
function recordWrites(db: Database.Database, tables: string[]): () => string[] {
  db.exec('CREATE TEMP TABLE written (what TEXT)');
  for (const table of tables) {
    db.exec(`CREATE TEMP TRIGGER written_${table} AFTER UPDATE ON main.${table}
             BEGIN INSERT INTO written VALUES ('${table}:' || coalesce(old.rowid, '')); END`);
  }
  return () => db.prepare('SELECT what FROM written ORDER BY what').pluck().all() as string[];
}

interface JsonColumns {
  body_json: string;
  tags_json: string;
}
type ArticleRow = JsonColumns & { id: string; [column: string]: unknown };

const wellFormed = (json: string) => canonicalize(JSON.parse(json)) !== undefined;

describe('migration 007 (well-formed text)', () => {
  it('turns each escaped lone surrogate into U+FFFD and writes only the rows that held one', () => {
    const db = versionSixDatabase();
    const rowid = (table: string, id: string) =>
      (
        db.prepare(`SELECT rowid AS rowid FROM ${table} WHERE ${table === 'settings' ? 'key' : 'id'} = ?`).get(id) as {
          rowid: number;
        }
      ).rowid;
    const before = {
      articles: db.prepare('SELECT * FROM articles ORDER BY id').all() as ArticleRow[],
      revisions: db.prepare('SELECT body_json, tags_json FROM revisions').get() as JsonColumns,
    };
    // The fault this repairs: the stored JSON parses back to text the canonical form refuses.
    expect(before.articles.find((row) => row.id === 'cut')!.body_json).toContain('\\udfff');
    expect(db.prepare("SELECT hex(body_text) FROM articles WHERE id = 'cut'").pluck().get()).toContain('EDBFBF');
    expect(() => canonicalize(JSON.parse(before.articles.find((row) => row.id === 'cut')!.body_json))).toThrow(
      /surrogate/i,
    );
    // Indexed already: only what the repair changes may be queued again.
    db.exec('DELETE FROM search_queue');
    const writes = recordWrites(db, ['articles', 'revisions', 'comment_entries', 'settings', 'publish_targets']);

    migrate(db, 7);

    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(writes()).toEqual(
      [
        `articles:${rowid('articles', 'cut')}`,
        `articles:${rowid('articles', 'cut')}`,
        `comment_entries:${rowid('comment_entries', 'c1')}`,
        `revisions:${rowid('revisions', 'r1')}`,
        `revisions:${rowid('revisions', 'r1')}`,
        `settings:${rowid('settings', 'house')}`,
      ].sort(),
    );
    const after = db.prepare('SELECT * FROM articles ORDER BY id').all() as ArticleRow[];
    const cut = after.find((row) => row.id === 'cut')!;
    expect(cut).toEqual({
      ...before.articles.find((row) => row.id === 'cut'),
      body_json: body(FIXED),
      body_text: FIXED,
      tags_json: JSON.stringify(['Huế', '\ufffd']),
    });
    // The title keeps what it held (read as three U+FFFD): an approval may have signed it so.
    expect(cut.title).toBe(before.articles.find((row) => row.id === 'cut')!.title);
    // The repaired text is what JSON.stringify writes for it, so the next save stores the same bytes.
    expect(JSON.parse(cut.body_json).root.children[0].children[0].text).toBe(FIXED);
    expect(after.filter((row) => row.id !== 'cut')).toEqual(before.articles.filter((row) => row.id !== 'cut'));

    const revision = db.prepare('SELECT body_json, tags_json FROM revisions').get() as JsonColumns;
    expect(revision).toEqual({ body_json: body(FIXED), tags_json: JSON.stringify(['\ufffdHuế']) });
    expect(db.prepare('SELECT body_text FROM revisions').pluck().get()).toBe(FIXED);
    expect(revision).not.toEqual(before.revisions);
    const anchor = db.prepare('SELECT anchor_json FROM comment_entries').pluck().get() as string;
    expect(JSON.parse(anchor)).toEqual({ exact: 'hội\ufffd đêm', prefix: 'Lễ ', suffix: ' rằm' });
    expect(cut.body_text).toContain(JSON.parse(anchor).exact);
    expect(JSON.parse(db.prepare('SELECT value_json FROM settings').pluck().get() as string)).toEqual({
      words: ['\ufffdx'],
    });
    for (const json of [cut.body_json, cut.tags_json, revision.body_json, revision.tags_json, anchor]) {
      expect(wellFormed(json), json).toBe(true);
    }
    // The repaired article waits to be indexed again with its new tags; the others do not.
    expect(db.prepare('SELECT article_id FROM search_queue').pluck().all()).toEqual(['cut']);
    db.close();
  });

  it('puts the append-only guard on comments back as it was', () => {
    const db = versionSixDatabase();
    const guard = () =>
      db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'comment_entries_no_update'").get();
    const before = guard();
    migrate(db, 7);
    expect(guard()).toEqual(before);
    expect(() => db.prepare("UPDATE comment_entries SET body = 'khác'").run()).toThrow(/append-only/);
    db.close();
  });
});

describe('wellFormedJsonText', () => {
  it('replaces lone surrogate escapes, high or low, in either case, and keeps pairs and other escapes', () => {
    const cases: [string, string][] = [
      [String.raw`"a\udfffb"`, '"a\ufffdb"'],
      [String.raw`"a\uD83Db"`, '"a\ufffdb"'],
      [String.raw`"\ud83d\ude00"`, String.raw`"\ud83d\ude00"`],
      [String.raw`"\uD83D\uDE00\ude00\ud83d"`, '"\\uD83D\\uDE00\ufffd\ufffd"'],
      [String.raw`"\ude00\ud83d"`, '"\ufffd\ufffd"'],
      [String.raw`"\\udfff \\\udfff"`, '"\\\\udfff \\\\\ufffd"'],
      [String.raw`"\u00e9\n\"\ud7ff\ue000"`, String.raw`"\u00e9\n\"\ud7ff\ue000"`],
      ['{"k\\udc00":["\\ud800",1]}', '{"k\ufffd":["\ufffd",1]}'],
    ];
    for (const [stored, repaired] of cases) {
      expect(wellFormedJsonText(stored), stored).toBe(repaired);
      expect(wellFormed(repaired), repaired).toBe(true);
    }
  });

  it('gives each lone surrogate stored as UTF-8 bytes one U+FFFD, and keeps real characters', () => {
    const bytes = Buffer.concat([
      Buffer.from('Huế ', 'utf8'),
      Buffer.from([0xed, 0xbf, 0xbf, 0xed, 0xa0, 0xbd]),
      Buffer.from(' 한 🎆 ', 'utf8'),
      Buffer.from([0xff]),
    ]);
    expect(wellFormedUtf8(bytes)).toBe('Huế \ufffd\ufffd 한 🎆 \ufffd');
    expect(wellFormedUtf8(Buffer.from('Đêm rằm', 'utf8'))).toBe('Đêm rằm');
  });

  it('parses to exactly what replacing each lone surrogate with U+FFFD gives, for random texts', () => {
    const units = [0x61, 0x5c, 0x22, 0xe9, 0xd83d, 0xde00, 0xdbff, 0xdc00, 0x1ec7, 0x0a];
    // A fixed seed: a failure names its input and comes back on the next run.
    let seed = 12;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let run = 0; run < 500; run += 1) {
      const text = String.fromCharCode(...Array.from({ length: 1 + (run % 12) }, () => units[next() % units.length]!));
      const stored = JSON.stringify({ text, tags: [text] });
      const expected = text.replace(
        /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
        '\ufffd',
      );
      expect(JSON.parse(wellFormedJsonText(stored)), stored).toEqual({ text: expected, tags: [expected] });
      expect(wellFormedJsonText(wellFormedJsonText(stored))).toBe(wellFormedJsonText(stored));
    }
  });
});

describe('an article stored with a lone surrogate, after the app opens its database', () => {
  it('reads, saves and goes for review, with U+FFFD where the surrogate was', async () => {
    const { core, sessions } = await openSeededCore();
    const reporter = sessions.phongvien!;
    const { id } = await core.call('articles.create', {}, reporter);
    await core.call(
      'articles.save',
      { id, baseVersion: 1, title: 'Đêm rằm', summary: 'Sapo', body: bodyOf('Lễ hội đêm rằm'), tags: ['Huế'] },
      reporter,
    );
    // What the app stored before the contract refused such text, written the way it wrote it.
    core.db
      .prepare('UPDATE articles SET body_json = ?, body_text = ?, tags_json = ? WHERE id = ?')
      .run(JSON.stringify(bodyOf(CUT)), CUT, JSON.stringify(['Huế', '\ud83d']), id);
    const unreadable = await core.tryCall('articles.get', { id }, reporter);
    expect(unreadable).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    // A database of the previous version: migration 007 changes data only, so the schema is the same
    // once the columns and tables of later migrations are gone.
    core.db.exec('ALTER TABLE article_events DROP COLUMN signature_format');
    core.db.exec('DROP TABLE office_keys');
    core.db.exec('DROP TABLE office_document_updates; DROP TABLE office_sync_state; DROP TABLE office_blobs_sent');
    core.db.exec('DROP TABLE images_arrived');
    core.db.exec('DROP TABLE article_events_refold; DROP TABLE office_queued_events');
    core.db.exec('DROP TABLE office_refused_events');
    core.db.pragma('user_version = 6');
    const file = join(sharedTempDir('bientap-before-007-'), 'before-007.sqlite');
    core.db.prepare('VACUUM INTO ?').run(file);
    core.close();

    const reopened = openTestCore({ copyOf: file });
    try {
      expect(reopened.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      const read = await reopened.call('articles.get', { id }, reporter);
      expect(read.body).toEqual(bodyOf(FIXED));
      expect(read.bodyText).toBe(FIXED);
      expect(read.tags).toEqual(['Huế', '\ufffd']);
      const saved = await reopened.call(
        'articles.save',
        { id, baseVersion: read.version, title: read.title, summary: read.summary, body: read.body, tags: read.tags },
        reporter,
      );
      expect(saved.version).toBe(read.version + 1);
      expect((await reopened.call('articles.get', { id }, reporter)).bodyText).toBe(FIXED);
      await reopened.call('workflow.submit', { articleId: id }, reporter);
      expect(await reopened.call('articles.get', { id }, reporter)).toMatchObject({
        status: 'submitted',
        body: bodyOf(FIXED),
      });
    } finally {
      reopened.close();
    }
  });
});
