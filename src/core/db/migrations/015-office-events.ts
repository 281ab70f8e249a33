/**
 * On an office's workstation an article's workflow log is folded from its review document, which
 * every workstation merges (core/review/fold.ts): an event that arrives later may belong before
 * events already here, so the log of a shared article is written again, whole, in the fold's order.
 * The log stays append-only for everything else: a delete passes only while the fold names the
 * article in `article_events_refold`, inside the transaction that rewrites it. The office's
 * publishing workstation notes each publish, schedule and withdrawal it has queued from the
 * folded log (`office_queued_events`), so that each is sent once, whichever workstation made it.
 * What the fold kept out of an article's log, and why, is kept beside it (`office_refused_events`,
 * rewritten with each fold) so the review panel can say so.
 */
export const up = `
CREATE TABLE article_events_refold (article_id TEXT PRIMARY KEY) STRICT;
CREATE TABLE office_queued_events (event_id TEXT PRIMARY KEY, article_id TEXT NOT NULL, queued_at TEXT NOT NULL) STRICT;
CREATE TABLE office_refused_events (
  article_id TEXT NOT NULL,
  event_id   TEXT,
  kind       TEXT,
  actor_id   TEXT,
  at         TEXT,
  reason     TEXT NOT NULL,
  forged     INTEGER NOT NULL CHECK (forged IN (0, 1))
) STRICT;
CREATE INDEX office_refused_events_article ON office_refused_events (article_id);
DROP TRIGGER article_events_no_delete;
CREATE TRIGGER article_events_no_delete BEFORE DELETE ON article_events
  WHEN NOT EXISTS (SELECT 1 FROM article_events_refold WHERE article_id = OLD.article_id)
  BEGIN SELECT RAISE(ABORT, 'article_events is append-only'); END;
`;
