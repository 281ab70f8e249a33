import type { Finding } from '../../shared/proofread/types';
import type { ProofIgnore } from '../../shared/proofreadApi';
import { nfc } from '../../shared/text';
import { isoNow, type CoreContext } from '../context';

export function listIgnores(ctx: CoreContext, articleId: string): ProofIgnore[] {
  return ctx.db
    .prepare('SELECT rule, text FROM proof_ignores WHERE article_id = ? ORDER BY rowid')
    .all(articleId) as ProofIgnore[];
}

export function addIgnore(ctx: CoreContext, articleId: string, ignore: ProofIgnore, userId: string): void {
  ctx.db
    .prepare(
      `INSERT INTO proof_ignores (article_id, rule, text, created_by, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (article_id, rule, text) DO NOTHING`,
    )
    .run(articleId, ignore.rule, nfc(ignore.text), userId, isoNow(ctx));
}

export function removeIgnore(ctx: CoreContext, articleId: string, ignore: ProofIgnore): void {
  ctx.db
    .prepare('DELETE FROM proof_ignores WHERE article_id = ? AND rule = ? AND text = ?')
    .run(articleId, ignore.rule, nfc(ignore.text));
}

/**
 * Drops the findings a writer chose to ignore in this article. An ignore names a rule and the text
 * it matched, not a position: the same slip elsewhere in the article stays ignored, and an ignore
 * survives the text moving around it.
 */
export function withoutIgnored(findings: Finding[], blocks: readonly string[], ignores: ProofIgnore[]): Finding[] {
  if (ignores.length === 0) return findings;
  const keys = new Set(ignores.map((ignore) => `${ignore.rule}\u0000${ignore.text}`));
  return findings.filter((finding) => {
    const text = nfc((blocks[finding.block] ?? '').slice(finding.start, finding.end));
    return !keys.has(`${finding.rule}\u0000${text}`);
  });
}
