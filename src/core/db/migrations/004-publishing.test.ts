import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { emptyEditorState } from '../../articles/editorState';
import { articleContentHash } from '../../signoff/approval';
import { contentHash } from '../../signoff/canonical';
import { databaseAtVersion } from '../../testkit';
import { migrate } from '../connection';

const NOW = '2026-04-15T03:51:38.000Z';

function versionThreeDatabase(): Database.Database {
  const { db } = databaseAtVersion(3);
  db.prepare(
    `INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
     VALUES ('u1', 'phongvien', 'Huỳnh Thị Ly', 'reporter', 'x', ?, ?)`,
  ).run(NOW, NOW);
  const article = db.prepare(
    `INSERT INTO articles (id, title, summary, body_json, body_text, word_count, author_id, status, version, created_at,
                           updated_at, updated_by, byline, category, tags_json)
     VALUES (?, ?, 'Sapo', '{"root":{"type":"root","children":[]}}', 'Nội dung', 2, 'u1', 'approved', 3, ?, ?, 'u1',
             'Huỳnh Thị Ly', 'Văn hóa', '["Huế"]')`,
  );
  article.run('a1', 'Đường về Huế', NOW, NOW);
  article.run('a2', 'Festival Huế', NOW, NOW);
  return db;
}

describe('migration 004 (publishing)', () => {
  it('keeps every article as it was, with no page address or featured image yet', () => {
    const db = versionThreeDatabase();
    const before = db.prepare('SELECT * FROM articles ORDER BY id').all() as Record<string, unknown>[];
    migrate(db, 4);
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    const after = db.prepare('SELECT * FROM articles ORDER BY id').all() as Record<string, unknown>[];
    expect(after).toEqual(before.map((row) => ({ ...row, slug: '', featured_image: null })));
    for (const table of ['settings', 'publish_targets', 'outbox', 'remote_posts', 'lexicon_words', 'proof_ignores']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
  });

  it('allows many articles without an address but never two with the same one', () => {
    const db = versionThreeDatabase();
    migrate(db, 4);
    db.prepare(`UPDATE articles SET slug = 'duong-ve-hue' WHERE id = 'a1'`).run();
    expect(() => db.prepare(`UPDATE articles SET slug = 'duong-ve-hue' WHERE id = 'a2'`).run()).toThrow(/UNIQUE/);
  });

  it('leaves the hash of an article signed before slugs and featured images existed unchanged', () => {
    const body = emptyEditorState();
    const signedBefore = contentHash({
      title: 'Đường về Huế',
      summary: 'Sapo',
      body,
      byline: 'Huỳnh Thị Ly',
      category: 'Văn hóa',
      tags: ['Huế'],
      imageHashes: [],
    });
    const fields = {
      title: 'Đường về Huế',
      summary: 'Sapo',
      body,
      byline: 'Huỳnh Thị Ly',
      category: 'Văn hóa',
      tags: ['Huế'],
    };
    expect(articleContentHash({ ...fields, slug: '', featuredImage: null })).toBe(signedBefore);
    expect(articleContentHash({ ...fields, slug: 'duong-ve-hue', featuredImage: null })).not.toBe(signedBefore);
  });
});
