/**
 * Which of this workstation's images the office server is known to hold (their bytes, under their
 * SHA-256): an image not listed here is still to be uploaded, and counts among the changes not yet
 * sent. An image that came from the server is listed as it is stored.
 */
export const up = `
CREATE TABLE office_blobs_sent (
  hash    TEXT PRIMARY KEY CHECK (length(hash) = 64),
  sent_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`;
