/**
 * The names of the documents the office shares. Each article has two: its content (the editor's
 * body and metadata) and its review (append-only signed events and comments); the office has one
 * directory of accounts and one index of its articles (which exist, who began each), by which a
 * workstation learns of articles begun elsewhere. The server refuses every other name.
 */
export type SyncDocument =
  | { kind: 'content'; articleId: string }
  | { kind: 'review'; articleId: string }
  | { kind: 'directory' }
  | { kind: 'articles' };

export type SyncDocumentKind = SyncDocument['kind'];

export const DIRECTORY_DOCUMENT = 'office/directory';
export const ARTICLE_INDEX_DOCUMENT = 'office/articles';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ARTICLE_DOCUMENT = new RegExp(`^article/(${UUID})/(content|review)$`);

/** The document a name stands for, or null when the name is not one the office uses. */
export function parseDocumentName(name: string): SyncDocument | null {
  if (name === DIRECTORY_DOCUMENT) return { kind: 'directory' };
  if (name === ARTICLE_INDEX_DOCUMENT) return { kind: 'articles' };
  const match = ARTICLE_DOCUMENT.exec(name);
  if (!match) return null;
  return { kind: match[2] as 'content' | 'review', articleId: match[1] as string };
}

export function articleDocumentName(articleId: string, part: 'content' | 'review'): string {
  return `article/${articleId}/${part}`;
}

/**
 * The map of an article's content document naming who began it (`authorId`) and when
 * (`createdAt`), written once by the workstation that began it. The server lets a reporter open
 * only the articles whose origin names her (or that have none yet: one she is beginning).
 */
export const ARTICLE_ORIGIN = 'origin';

/**
 * The map of an article's content document naming who last wrote its content (`by`, a user id),
 * set by the workstation where she wrote: where the change arrives, the row and its history name
 * her. Not signed and no part of the content hash; concurrent writers leave one of them.
 */
export const ARTICLE_EDITED = 'edited';
