/**
 * Images fetched from the office server whose web rendition is not made yet: the original bytes,
 * checked against their hash and with their header read (format, size, pixel limit). The
 * rendition is made when the image is first shown or published, or when the workstation is idle,
 * and the row then moves into `images`. Joining an office brings years of photos: decoding every
 * one of them at once would keep a laptop busy for minutes for photos nobody may open.
 */
export const up = `
CREATE TABLE images_arrived (
  hash        TEXT PRIMARY KEY CHECK (length(hash) = 64),
  mime        TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp', 'image/gif')),
  width       INTEGER NOT NULL CHECK (width > 0),
  height      INTEGER NOT NULL CHECK (height > 0),
  bytes       BLOB NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL REFERENCES users (id)
) STRICT;
`;
