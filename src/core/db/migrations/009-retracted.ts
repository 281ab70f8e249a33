/**
 * An author may take back an article sent to review ("Rút lại"), which the workflow log records
 * as a `retracted` event. SQLite cannot widen a CHECK in place, so the log is copied into a table
 * that allows the new kind, row for row and in the same order, and its append-only triggers are
 * put back.
 */
export const up = `
CREATE TABLE article_events_new (
  seq              INTEGER PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE,
  article_id       TEXT NOT NULL REFERENCES articles (id),
  kind             TEXT NOT NULL CHECK (kind IN
                     ('submitted', 'retracted', 'changes_requested', 'approved', 'approval_voided', 'scheduled',
                      'published', 'withdrawn')),
  actor_id         TEXT NOT NULL REFERENCES users (id),
  at               TEXT NOT NULL,
  from_status      TEXT NOT NULL,
  to_status        TEXT NOT NULL,
  content_hash     TEXT NOT NULL,
  signature        TEXT,
  key_fingerprint  TEXT REFERENCES user_keys (fingerprint),
  note             TEXT NOT NULL DEFAULT '',
  revision_id      TEXT,
  scheduled_for    TEXT,
  signature_format INTEGER CHECK (signature_format IN (1, 2))
) STRICT;
INSERT INTO article_events_new (seq, id, article_id, kind, actor_id, at, from_status, to_status, content_hash,
                                signature, key_fingerprint, note, revision_id, scheduled_for, signature_format)
  SELECT seq, id, article_id, kind, actor_id, at, from_status, to_status, content_hash,
         signature, key_fingerprint, note, revision_id, scheduled_for, signature_format
  FROM article_events ORDER BY seq;
DROP TABLE article_events;
ALTER TABLE article_events_new RENAME TO article_events;
CREATE INDEX article_events_article ON article_events (article_id, seq);
CREATE TRIGGER article_events_no_update BEFORE UPDATE ON article_events
  BEGIN SELECT RAISE(ABORT, 'article_events is append-only'); END;
CREATE TRIGGER article_events_no_delete BEFORE DELETE ON article_events
  BEGIN SELECT RAISE(ABORT, 'article_events is append-only'); END;
`;
