import type { SyncDocumentKind } from '../shared/sync/documents';
import type { ServerRole } from './directory';

export type DocumentAccess = 'write' | 'read';

/**
 * The server's whole access policy, coarse on purpose: it decides which connections may change a
 * kind of document. Everything a signature expresses (approvals, directory entries) is verified by
 * each workstation, never vouched for here.
 * - the office directory: every member reads it (accounts and keys); only an administrator writes it.
 * - an article's content and review: every member writes (drafts, comments, workflow events), a
 *   reporter only those of her own articles (mayOpenArticle).
 * - the index of articles: every member writes (each workstation lists the articles begun there).
 */
export function documentAccess(role: ServerRole, kind: SyncDocumentKind): DocumentAccess {
  switch (kind) {
    case 'directory':
      return role === 'admin' ? 'write' : 'read';
    case 'content':
    case 'review':
    case 'articles':
      return 'write';
  }
}

/**
 * Whether `role` may open an article begun by `authorId` (null: nobody has begun it yet). Reporters
 * work on their own articles only, as in the application; everyone else reviews everyone's.
 */
export function mayOpenArticle(role: ServerRole, userId: string, authorId: string | null): boolean {
  return role !== 'reporter' || authorId === null || authorId === userId;
}
