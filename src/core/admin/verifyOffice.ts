import * as Y from 'yjs';
import { officeKeyFromDirectory, readDirectory } from '../../shared/sync/directory';
import { DIRECTORY_DOCUMENT, parseDocumentName } from '../../shared/sync/documents';
import { findArticle } from '../articles/repo';
import type { CoreContext } from '../context';
import type { Db } from '../db/connection';
import { readOfficeConnection } from '../office/invitations';
import { derivedRows, foldArticleReview } from '../office/review';
import { articleContentHash } from '../signoff/approval';

/**
 * On an office's workstation the workflow log of a shared article is folded from its review
 * document (core/office/review.ts), not appended with an audit row per event: its events are
 * checked against that document instead. Each review document is folded again here, from the
 * stored updates and the directory as stored, and the log must read exactly as the fold does.
 */
export async function checkFoldedWorkflows(
  db: Db,
): Promise<{ shared: Set<string>; checked: number; problems: { seq: number; articleId: string }[] }> {
  const shared = new Set<string>();
  const problems: { seq: number; articleId: string }[] = [];
  const settings = readOfficeConnection({ db });
  if (!settings) return { shared, checked: 0, problems };
  const select = db.prepare('SELECT data FROM office_document_updates WHERE document = ? ORDER BY id');
  const load = (name: string) => {
    const doc = new Y.Doc({ guid: name });
    for (const row of select.all(name) as { data: Buffer }[]) Y.applyUpdate(doc, new Uint8Array(row.data));
    return doc;
  };
  const directoryDoc = load(DIRECTORY_DOCUMENT);
  const office = {
    fingerprint: settings.office,
    publicKey: settings.officeKey ?? (await officeKeyFromDirectory(directoryDoc, settings.office)),
  };
  const directory = (await readDirectory(directoryDoc, office)).history;
  const names = db.prepare('SELECT DISTINCT document FROM office_document_updates').pluck().all() as string[];
  const ctx = { db } as CoreContext;
  for (const name of names) {
    const parsed = parseDocumentName(name);
    if (parsed?.kind !== 'review') continue;
    const article = findArticle(ctx, parsed.articleId);
    if (!article) continue;
    shared.add(parsed.articleId);
    const currentHash = articleContentHash(article);
    const fold = foldArticleReview(
      load(name),
      { id: article.id, authorId: article.authorId, currentHash },
      {
        office,
        directory,
      },
    );
    const expected = derivedRows(fold, article.authorId, currentHash);
    const stored = db
      .prepare('SELECT seq, id, from_status, to_status FROM article_events WHERE article_id = ? ORDER BY seq')
      .all(article.id) as { seq: number; id: string; from_status: string; to_status: string }[];
    const differs = (i: number) =>
      stored[i]?.id !== expected[i]?.id ||
      stored[i]?.from_status !== expected[i]?.from_status ||
      stored[i]?.to_status !== expected[i]?.to_status;
    for (let i = 0; i < Math.max(stored.length, expected.length); i++) {
      if (!differs(i)) continue;
      problems.push({ seq: stored[i]?.seq ?? 0, articleId: article.id });
      break;
    }
  }
  return { shared, checked: shared.size, problems };
}
