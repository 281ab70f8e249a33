/**
 * Approvals record how their signature was made. Those given so far signed only the content
 * hash (format 1) and keep verifying that way; new ones sign a message that also names the
 * article, the revision, the signer key and the time (format 2, see core/signoff/message.ts),
 * so an approval moved onto another article or revision no longer verifies. Events other than
 * approvals carry no signature and no format.
 */
export const up = `
ALTER TABLE article_events ADD COLUMN signature_format INTEGER CHECK (signature_format IN (1, 2));

DROP TRIGGER article_events_no_update;
UPDATE article_events SET signature_format = 1 WHERE kind = 'approved';
CREATE TRIGGER article_events_no_update BEFORE UPDATE ON article_events
  BEGIN SELECT RAISE(ABORT, 'article_events is append-only'); END;
`;
