import type { Db } from '../connection';

/**
 * Lone surrogates out of stored JSON. Before the contract refused them, half of an emoji cut off by
 * a bad paste could reach an article's body or tags. JSON.stringify writes such a character as an
 * escape (`\udfff`), which comes back as a lone surrogate when the text is parsed: the canonical
 * form the content hash is taken over (RFC 8785) refuses it, so the article could be neither read,
 * saved nor signed. Each such escape becomes U+FFFD.
 *
 * Every JSON column that holds what someone typed is repaired: article and revision bodies and tags,
 * comment anchors (so a comment finds its passage in the repaired body text again), settings and
 * publishing targets. Only rows holding such an escape are written: `LIKE` picks the candidates
 * without parsing the rest, and the repair runs on those alone. None of these texts can be under a
 * signature: hashing them threw. The audit log cannot hold one: its rows are hashed over the
 * canonical form as they are written, so a row with one was never stored. Comments are
 * append-only; the guard is lifted for this one repair and put back as it was, inside the
 * migration's transaction.
 *
 * Plain text columns (a title, say) hold such a character as bytes that read back as three U+FFFD:
 * readable and hashable, so they stay as they are, since an approval may have signed them that way.
 * Only the body's plain text, derived from the body and never signed, is repaired with the body.
 *
 * Calls bientap_well_formed_json and bientap_well_formed_utf8, which `migrate` registers on the
 * connection it migrates.
 */
const candidates = (column: string) =>
  `${column} LIKE '%\\ud%' AND bientap_well_formed_json(${column}) IS NOT ${column}`;
const repair = (table: string, column: string) => `
UPDATE ${table} SET ${column} = bientap_well_formed_json(${column}) WHERE ${candidates(column)};`;
/** The body's plain text was derived from the body, so it is repaired with it (it is not signed). */
const repairBody = (table: string) => `
UPDATE ${table} SET body_json = bientap_well_formed_json(body_json),
                    body_text = bientap_well_formed_utf8(CAST(body_text AS BLOB))
  WHERE ${candidates('body_json')};`;

export const up = `
${repairBody('articles')}
${repair('articles', 'tags_json')}
${repairBody('revisions')}
${repair('revisions', 'tags_json')}
${repair('settings', 'value_json')}
${repair('publish_targets', 'config_json')}

DROP TRIGGER comment_entries_no_update;
${repair('comment_entries', 'anchor_json')}
CREATE TRIGGER comment_entries_no_update BEFORE UPDATE ON comment_entries
  BEGIN SELECT RAISE(ABORT, 'comment_entries is append-only'); END;
`;

/**
 * In JSON text, an escaped surrogate pair is kept, an escaped lone surrogate becomes U+FFFD (written
 * as the character itself, as JSON.stringify writes it), and every other escape is kept. Escapes are
 * consumed left to right, so `\\udfff` (a backslash, then the letters `udfff`) is left alone.
 */
const ESCAPE = /(\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})|(\\u[dD][89a-fA-F][0-9a-fA-F]{2})|\\[^]/g;

export function wellFormedJsonText(json: string): string {
  return json.replace(ESCAPE, (escape, pair?: string, lone?: string) => (lone && !pair ? '\uFFFD' : escape));
}

/**
 * A lone surrogate bound into a plain text column was stored as the three bytes UTF-8 would give
 * it (ED A0..BF 80..BF), which is not UTF-8: it reads back as three U+FFFD. Each becomes one U+FFFD,
 * what the repaired JSON gives for the same character; any other invalid byte becomes U+FFFD too.
 */
const SURROGATE_BYTES = /\xed[\xa0-\xbf][\x80-\xbf]/g;

export function wellFormedUtf8(bytes: Buffer): string {
  return Buffer.from(bytes.toString('latin1').replace(SURROGATE_BYTES, '\xef\xbf\xbd'), 'latin1').toString('utf8');
}

export function registerWellFormedFunctions(db: Db): void {
  db.function('bientap_well_formed_json', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? wellFormedJsonText(value) : (value as null),
  );
  db.function('bientap_well_formed_utf8', { deterministic: true }, (value: unknown) =>
    Buffer.isBuffer(value) ? wellFormedUtf8(value) : (value as null),
  );
}
