/**
 * The office's own signing key: it certifies each signer's key (the keys file a published site
 * carries) and signs the statement each published page's seal makes about its publication. The
 * newest row is the current key; rows are never changed or removed, so every seal made under an
 * older key keeps a key to check it with. The private key is kept as PKCS#8 DER (base64) so the
 * workstation can publish on schedule without anyone's password.
 */
export const up = `
CREATE TABLE office_keys (
  seq         INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL UNIQUE CHECK (length(fingerprint) = 64),
  name        TEXT NOT NULL,
  public_key  TEXT NOT NULL,
  private_key TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
CREATE TRIGGER office_keys_no_update BEFORE UPDATE ON office_keys
  BEGIN SELECT RAISE(ABORT, 'office_keys is append-only'); END;
CREATE TRIGGER office_keys_no_delete BEFORE DELETE ON office_keys
  BEGIN SELECT RAISE(ABORT, 'office_keys is append-only'); END;
`;
