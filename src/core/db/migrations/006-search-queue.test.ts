import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { flushSearchIndex } from '../../search/indexer';
import { databaseAtVersion } from '../../testkit';
import { migrate } from '../connection';

/** A version-5 database whose articles the triggers of migration 005 indexed as they were written. */
function versionFiveDatabase(): { db: Database.Database; file: string } {
  const { db, file } = databaseAtVersion(5);
  db.prepare(
    `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
     VALUES ('u1', 'phongvien', 'Huỳnh Thị Ly', 'reporter', 'x', '2021-04-15T03:00:00.000Z', '2021-04-15T03:00:00.000Z')`,
  ).run();
  const article = db.prepare(
    `INSERT INTO articles (id, title, summary, body_json, body_text, author_id, created_at, updated_at, updated_by)
     VALUES (?, ?, '', '{}', ?, 'u1', ?, ?, 'u1')`,
  );
  article.run('a1', 'Con đường di sản', 'Trên đường về Huế.', '2021-04-15T00:00:00.000Z', '2021-04-15T00:00:00.000Z');
  article.run('a2', 'Hội nghị Đảng bộ', 'Đảng bộ họp.', '2021-04-16T00:00:00.000Z', '2021-04-16T00:00:00.000Z');
  return { db, file };
}

const found = (db: Database.Database, match: string) =>
  db
    .prepare(
      `SELECT d.article_id FROM search_folded f JOIN search_docs d ON d.docid = f.rowid
       WHERE f.search_folded MATCH ? ORDER BY f.rowid`,
    )
    .pluck()
    .all(match);
const queued = (db: Database.Database) => db.prepare('SELECT article_id FROM search_queue ORDER BY seq').pluck().all();
const triggers = (db: Database.Database) =>
  db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'articles' ORDER BY name")
    .pluck()
    .all();

describe('migration 006 (search queue)', () => {
  it('keeps the articles and their index as they were, with nothing queued', () => {
    const { db } = versionFiveDatabase();
    const before = {
      articles: db.prepare('SELECT * FROM articles ORDER BY id').all(),
      docs: db.prepare('SELECT * FROM search_docs ORDER BY docid').all(),
    };
    expect(triggers(db)).toEqual(['articles_search_delete', 'articles_search_insert', 'articles_search_update']);
    migrate(db, 6);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(db.prepare('SELECT * FROM articles ORDER BY id').all()).toEqual(before.articles);
    expect(db.prepare('SELECT * FROM search_docs ORDER BY docid').all()).toEqual(before.docs);
    expect(found(db, 'duong')).toEqual(['a1']);
    expect(found(db, '"dang" + "bo"')).toEqual(['a2']);
    expect(queued(db)).toEqual([]);
    expect(triggers(db)).toEqual([
      'articles_search_delete',
      'articles_search_queue_insert',
      'articles_search_queue_update',
    ]);
    db.close();
  });

  it('lets a plain SQLite connection edit articles, queueing them for the indexer', () => {
    const { db, file } = versionFiveDatabase();
    migrate(db, 6);
    db.close();
    // No application function is registered here, as in any SQLite client.
    const bare = new Database(file);
    bare.pragma('foreign_keys = ON');
    bare
      .prepare("UPDATE articles SET body_text = 'Sông Hương', updated_at = '2021-05-01T00:00:00.000Z' WHERE id = 'a1'")
      .run();
    bare.prepare("UPDATE articles SET title = 'Con đường mới' WHERE id = 'a1'").run();
    bare
      .prepare(
        `INSERT INTO articles (id, title, summary, body_json, body_text, author_id, created_at, updated_at, updated_by)
         VALUES ('a3', 'Chợ Đông Ba', '', '{}', 'Chợ mở cửa.', 'u1', '2021-05-02T00:00:00.000Z', '2021-05-02T00:00:00.000Z', 'u1')`,
      )
      .run();
    // A field written with the value it already has queues nothing.
    bare.prepare("UPDATE articles SET byline = byline, status = 'submitted' WHERE id = 'a2'").run();
    expect(queued(bare)).toEqual(['a1', 'a3']);
    // Until indexed, search still holds the text as it was.
    expect(found(bare, 'song huong')).toEqual([]);
    expect(found(bare, 'body : duong')).toEqual(['a1']);

    flushSearchIndex(bare);
    expect(queued(bare)).toEqual([]);
    expect(found(bare, 'song huong')).toEqual(['a1']);
    expect(found(bare, 'body : duong')).toEqual([]);
    expect(found(bare, 'title : moi')).toEqual(['a1']);
    expect(found(bare, 'cho dong ba')).toEqual(['a3']);
    expect(
      bare.prepare('SELECT rowid FROM search_exact WHERE search_exact MATCH \'"5chơ"\'').pluck().all(),
    ).toHaveLength(1);
    // Indexed articles get new, higher document numbers in the order of their last change.
    expect(bare.prepare('SELECT article_id FROM search_docs ORDER BY docid').pluck().all()).toEqual(['a2', 'a1', 'a3']);

    // Deleting still takes an article out of the index on the spot.
    bare.prepare("DELETE FROM articles WHERE id = 'a3'").run();
    expect(found(bare, 'cho')).toEqual([]);
    expect(bare.prepare('SELECT count(*) FROM search_docs').pluck().get()).toBe(2);
    bare.close();
  });
});
