/**
 * Search indexing leaves the save. Re-indexing a long article in both FTS5 indexes inside the
 * transaction that saves it made every autosave several times slower, on the thread that serves
 * the editor. Now a write to an article only notes its id in `search_queue`, in the same
 * transaction, so what is saved is never lost to the index; the indexer
 * (src/core/search/indexer.ts) folds and indexes queued articles shortly after, catches up on
 * start, and is drained before any search runs, so a search still sees every saved article.
 *
 * The triggers call no application function any more: anyone may edit `articles` with a plain
 * SQLite client, and the app indexes the change when it next runs. Deleting an article still
 * removes its index rows on the spot (plain SQL, and `search_docs` refers to the article).
 *
 * The indexes and their rows are kept as they are: every article was indexed up to this version.
 */
export const up = `
DROP TRIGGER articles_search_insert;
DROP TRIGGER articles_search_update;

-- One row per article waiting to be indexed; seq keeps the order they were first queued in.
CREATE TABLE search_queue (
  seq        INTEGER PRIMARY KEY,
  article_id TEXT NOT NULL UNIQUE
) STRICT;

CREATE TRIGGER articles_search_queue_insert AFTER INSERT ON articles BEGIN
  INSERT OR IGNORE INTO search_queue (article_id) VALUES (new.id);
END;

CREATE TRIGGER articles_search_queue_update AFTER UPDATE OF title, summary, body_text, byline, tags_json, updated_at
  ON articles
  WHEN old.title IS NOT new.title OR old.summary IS NOT new.summary OR old.body_text IS NOT new.body_text
    OR old.byline IS NOT new.byline OR old.tags_json IS NOT new.tags_json OR old.updated_at IS NOT new.updated_at
BEGIN
  INSERT OR IGNORE INTO search_queue (article_id) VALUES (new.id);
END;
`;
