/**
 * Search. Two contentless FTS5 indexes over each article's title, summary, body, byline and tags:
 * `search_folded` holds the folded form (`duong` finds `đường`) with prefix indexes (1 to 6 letters, as
 * long as most Vietnamese syllables) so a word being typed matches without merging every word it
 * could become; `search_exact` holds the exact form, to
 * rank matches with the typed marks first. The texts themselves stay in `articles` only.
 *
 * `search_docs` gives each article the integer document number both indexes use. An article gets a
 * new, higher number whenever it is written, so document order is the order of last change: the
 * newest matches come straight off the index, without sorting them all.
 *
 * Triggers keep the indexes in step inside the transaction that writes the article. They call
 * bientap_fold and bientap_exact, which every connection registers (src/core/search/functions.ts).
 */
export const up = `
CREATE TABLE search_docs (
  docid      INTEGER PRIMARY KEY,
  article_id TEXT NOT NULL UNIQUE REFERENCES articles (id)
) STRICT;

CREATE VIRTUAL TABLE search_folded USING fts5 (
  title, summary, body, byline, tags,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '1 2 3 4 5 6'
);
-- A word in the title says more about the article than the same word deep in the body.
INSERT INTO search_folded (search_folded, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 2.0, 5.0)');

CREATE VIRTUAL TABLE search_exact USING fts5 (
  text,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
  INSERT INTO search_docs (article_id) VALUES (new.id);
  INSERT INTO search_folded (rowid, title, summary, body, byline, tags)
    SELECT docid, bientap_fold(new.title), bientap_fold(new.summary), bientap_fold(new.body_text),
           bientap_fold(new.byline), bientap_fold(new.tags_json)
    FROM search_docs WHERE article_id = new.id;
  INSERT INTO search_exact (rowid, text)
    SELECT docid, bientap_exact(new.title || ' ' || new.summary || ' ' || new.body_text || ' ' || new.byline || ' ' ||
                                new.tags_json)
    FROM search_docs WHERE article_id = new.id;
END;

CREATE TRIGGER articles_search_update AFTER UPDATE OF title, summary, body_text, byline, tags_json, updated_at
  ON articles
  WHEN old.title IS NOT new.title OR old.summary IS NOT new.summary OR old.body_text IS NOT new.body_text
    OR old.byline IS NOT new.byline OR old.tags_json IS NOT new.tags_json OR old.updated_at IS NOT new.updated_at
BEGIN
  DELETE FROM search_folded WHERE rowid = (SELECT docid FROM search_docs WHERE article_id = old.id);
  DELETE FROM search_exact WHERE rowid = (SELECT docid FROM search_docs WHERE article_id = old.id);
  DELETE FROM search_docs WHERE article_id = old.id;
  INSERT INTO search_docs (article_id) VALUES (new.id);
  INSERT INTO search_folded (rowid, title, summary, body, byline, tags)
    SELECT docid, bientap_fold(new.title), bientap_fold(new.summary), bientap_fold(new.body_text),
           bientap_fold(new.byline), bientap_fold(new.tags_json)
    FROM search_docs WHERE article_id = new.id;
  INSERT INTO search_exact (rowid, text)
    SELECT docid, bientap_exact(new.title || ' ' || new.summary || ' ' || new.body_text || ' ' || new.byline || ' ' ||
                                new.tags_json)
    FROM search_docs WHERE article_id = new.id;
END;

CREATE TRIGGER articles_search_delete BEFORE DELETE ON articles BEGIN
  DELETE FROM search_folded WHERE rowid = (SELECT docid FROM search_docs WHERE article_id = old.id);
  DELETE FROM search_exact WHERE rowid = (SELECT docid FROM search_docs WHERE article_id = old.id);
  DELETE FROM search_docs WHERE article_id = old.id;
END;

-- Existing articles, oldest change first, so document order is change order from the start.
INSERT INTO search_docs (article_id) SELECT id FROM articles ORDER BY updated_at, id;
INSERT INTO search_folded (rowid, title, summary, body, byline, tags)
  SELECT d.docid, bientap_fold(a.title), bientap_fold(a.summary), bientap_fold(a.body_text), bientap_fold(a.byline),
         bientap_fold(a.tags_json)
  FROM search_docs d JOIN articles a ON a.id = d.article_id;
INSERT INTO search_exact (rowid, text)
  SELECT d.docid, bientap_exact(a.title || ' ' || a.summary || ' ' || a.body_text || ' ' || a.byline || ' ' || a.tags_json)
  FROM search_docs d JOIN articles a ON a.id = d.article_id;
`;
