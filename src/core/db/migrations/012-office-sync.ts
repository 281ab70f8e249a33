/**
 * The workstation's copy of the office's shared documents (the directory first, the articles later):
 * every Yjs update it received or made, written before it counts as received or made, so a SIGKILL
 * loses nothing and a restart rebuilds each document from its rows. `pending` marks an update made
 * here that the server has not acknowledged yet; those are never merged away, so their count is
 * exactly what "N thay đổi chưa gửi" reports after a restart. `office_sync_state` keeps where the
 * link to the server stood (one row), for the status shown while the application is closed.
 */
export const up = `
CREATE TABLE office_document_updates (
  id          INTEGER PRIMARY KEY,
  document    TEXT NOT NULL,
  data        BLOB NOT NULL,
  local       INTEGER NOT NULL CHECK (local IN (0, 1)),
  pending     INTEGER NOT NULL CHECK (pending IN (0, 1)),
  received_at TEXT NOT NULL,
  CHECK (pending = 0 OR local = 1)
) STRICT;
CREATE INDEX office_document_updates_by_document ON office_document_updates (document, id);
CREATE INDEX office_document_updates_pending ON office_document_updates (pending) WHERE pending = 1;

CREATE TABLE office_sync_state (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  state        TEXT NOT NULL CHECK (state IN ('synced', 'syncing', 'offline')),
  problem      TEXT,
  last_sync_at TEXT,
  seen_at      TEXT NOT NULL
) STRICT;
`;
