import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { registerSearchFunctions } from '../../search/functions';
import { databaseAtVersion } from '../../testkit';
import { migrate } from '../connection';

/** A version-4 database with articles written before search existed, in no particular order. */
function versionFourDatabase(): Database.Database {
  const { db } = databaseAtVersion(4);
  db.prepare(
    `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
     VALUES ('u1', 'phongvien', 'Huỳnh Thị Ly', 'reporter', 'x', '2021-04-15T03:00:00.000Z', '2021-04-15T03:00:00.000Z')`,
  ).run();
  const article = db.prepare(
    `INSERT INTO articles (id, title, summary, body_json, body_text, author_id, created_at, updated_at, updated_by,
                           byline, tags_json)
     VALUES (?, ?, ?, '{}', ?, 'u1', ?, ?, 'u1', ?, ?)`,
  );
  article.run(
    'a2',
    'Hội nghị Đảng bộ',
    '',
    'Đảng bộ thành phố họp.',
    '2021-04-16T00:00:00.000Z',
    '2021-04-16T00:00:00.000Z',
    'Ly',
    '[]',
  );
  article.run(
    'a1',
    'Con đường di sản',
    'Sapo về Tổ quốc',
    'Trên đường về Huế.',
    '2021-04-15T00:00:00.000Z',
    '2021-04-15T00:00:00.000Z',
    'Hoà Lê',
    '["Văn hoá"]',
  );
  return db;
}

const docs = (db: Database.Database, match: string) =>
  db
    .prepare(
      `SELECT d.article_id FROM search_folded f JOIN search_docs d ON d.docid = f.rowid
       WHERE f.search_folded MATCH ? ORDER BY f.rowid`,
    )
    .pluck()
    .all(match);

describe('migration 005 (search)', () => {
  it('indexes the articles already there, oldest change first, leaving them untouched', () => {
    const db = versionFourDatabase();
    const before = db.prepare('SELECT * FROM articles ORDER BY id').all();
    migrate(db, 5);
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.prepare('SELECT * FROM articles ORDER BY id').all()).toEqual(before);

    expect(db.prepare('SELECT article_id FROM search_docs ORDER BY docid').pluck().all()).toEqual(['a1', 'a2']);
    expect(docs(db, 'duong')).toEqual(['a1']);
    expect(docs(db, '"dang" + "bo"')).toEqual(['a2']);
    expect(docs(db, 'summary : "to" + "quoc"')).toEqual(['a1']);
    expect(docs(db, 'byline : hoa')).toEqual(['a1']);
    expect(docs(db, 'tags : "van" + "hoa"')).toEqual(['a1']);
    expect(docs(db, 'thanh*')).toEqual(['a2']);
    expect(db.prepare('SELECT rowid FROM search_exact WHERE search_exact MATCH \'"2đương"\'').pluck().all()).toEqual([
      1,
    ]);
    db.close();
  });

  it('keeps the index in step with inserts, edits and deletes through triggers', () => {
    const db = versionFourDatabase();
    migrate(db, 5);
    db.prepare(
      "UPDATE articles SET body_text = 'Sông Hương', updated_at = '2021-05-01T00:00:00.000Z' WHERE id = 'a1'",
    ).run();
    expect(docs(db, 'duong')).toEqual(['a1']); // still in the title
    expect(docs(db, 'body : duong')).toEqual([]);
    expect(docs(db, 'song huong')).toEqual(['a1']);
    // The edited article is now the newest document.
    expect(db.prepare('SELECT article_id FROM search_docs ORDER BY docid').pluck().all()).toEqual(['a2', 'a1']);

    // Writing a field with the value it already has does not touch the index.
    const docid = db.prepare("SELECT docid FROM search_docs WHERE article_id = 'a2'").pluck().get();
    db.prepare("UPDATE articles SET byline = byline, status = 'submitted' WHERE id = 'a2'").run();
    expect(db.prepare("SELECT docid FROM search_docs WHERE article_id = 'a2'").pluck().get()).toBe(docid);

    db.prepare("DELETE FROM articles WHERE id = 'a2'").run();
    expect(docs(db, 'dang')).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM search_docs').pluck().get()).toBe(1);
    db.close();
  });

  it('needs the search functions on the connection, which migrate registers', () => {
    const db = versionFourDatabase();
    migrate(db, 5);
    db.close();
    const file = db.name;
    const bare = new Database(file);
    expect(() => bare.prepare("UPDATE articles SET title = 'x' WHERE id = 'a1'").run()).toThrow(/bientap_fold/);
    registerSearchFunctions(bare);
    bare.prepare("UPDATE articles SET title = 'Chợ Đông Ba' WHERE id = 'a1'").run();
    expect(docs(bare, 'cho dong ba')).toEqual(['a1']);
    // A read-only reader (the verify command) needs nothing registered.
    const reader = new Database(file, { readonly: true, fileMustExist: true });
    expect(reader.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(2);
    reader.close();
    bare.close();
  });
});
