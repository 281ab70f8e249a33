/**
 * A format-2 approval also signs the audit chain's head at the moment it was given (the hash of
 * the row before its own), so the chain up to every approval is fixed by a signature: deleting or
 * rewriting an earlier audit row and recomputing the chain no longer goes unseen. Approvals of
 * format 1 never had one.
 */
export const up = `
ALTER TABLE article_events ADD COLUMN audit_head TEXT CHECK (audit_head IS NULL OR length(audit_head) = 64);
`;
