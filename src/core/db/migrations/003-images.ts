/**
 * Article images, stored once per content hash (SHA-256 of the bytes as received): the same
 * photo inserted twice, or into two articles, is one row. Each keeps the original and a
 * web-sized rendition for the editor and the site; both were decoded under a pixel limit.
 */
export const up = `
CREATE TABLE images (
  hash        TEXT PRIMARY KEY CHECK (length(hash) = 64),
  mime        TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp', 'image/gif')),
  width       INTEGER NOT NULL CHECK (width > 0),
  height      INTEGER NOT NULL CHECK (height > 0),
  bytes       BLOB NOT NULL,
  web_mime    TEXT NOT NULL CHECK (web_mime IN ('image/jpeg', 'image/png', 'image/webp')),
  web_width   INTEGER NOT NULL CHECK (web_width > 0),
  web_height  INTEGER NOT NULL CHECK (web_height > 0),
  web_bytes   BLOB NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL REFERENCES users (id)
) STRICT;
CREATE TRIGGER images_no_update BEFORE UPDATE ON images
BEGIN
  SELECT RAISE(ABORT, 'images are immutable: a changed image is a new hash');
END;
`;
