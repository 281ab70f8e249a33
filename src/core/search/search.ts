import type { z } from 'zod';
import type { ArticleStatus } from '../../shared/domain';
import {
  matchExpression,
  parseQuery,
  searchFold,
  type QueryTerm,
  type SearchHit,
  type searchInputSchema,
  type searchOutputSchema,
} from '../../shared/search';
import type { Db } from '../db/connection';
import { findHighlights, makeSnippet, mentions } from './highlight';
import { suggestSpelling } from './suggest';
import { flushSearchIndex } from './indexer';

export type SearchRequest = z.output<typeof searchInputSchema>;
export type SearchResult = z.input<typeof searchOutputSchema>;

interface Candidate {
  docid: number;
  score: number;
}

interface Where {
  join: string;
  conditions: string[];
  params: unknown[];
}

/** The filters, and who may see what, as SQL over `articles a` (joined only when needed). */
function filterSql(filters: SearchRequest['filters'], onlyAuthorId: string | undefined): Where {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    conditions.push(sql);
    params.push(value);
  };
  if (onlyAuthorId !== undefined) add('a.author_id = ?', onlyAuthorId);
  if (filters.authorId !== undefined) add('a.author_id = ?', filters.authorId);
  if (filters.status !== undefined) add('a.status = ?', filters.status);
  if (filters.category) add('bientap_fold(a.category) = ?', searchFold(filters.category.normalize('NFC')));
  if (filters.from !== undefined) add('a.updated_at >= ?', new Date(filters.from).toISOString());
  if (filters.to !== undefined) add('a.updated_at <= ?', new Date(filters.to).toISOString());
  const join =
    conditions.length > 0 ? 'JOIN search_docs d ON d.docid = f.rowid JOIN articles a ON a.id = d.article_id' : '';
  return { join, conditions, params };
}

/** Matches newest first (document order is change order), optionally with their bm25 score. */
function newestMatches(
  db: Db,
  match: string,
  where: Where,
  options: { below?: number; limit: number; offset?: number; scored: boolean },
): Candidate[] {
  const conditions = ['f.search_folded MATCH ?', ...where.conditions];
  const params: unknown[] = [match, ...where.params];
  if (options.below !== undefined) {
    conditions.push('f.rowid < ?');
    params.push(options.below);
  }
  const sql = `SELECT f.rowid AS docid, ${options.scored ? 'f.rank' : '0'} AS score FROM search_folded f ${where.join}
               WHERE ${conditions.join(' AND ')} ORDER BY f.rowid DESC LIMIT ? OFFSET ?`;
  return db.prepare(sql).all(...params, options.limit, options.offset ?? 0) as Candidate[];
}

/** Of these documents, those where every word typed with marks has exactly them. */
function exactAmong(db: Db, terms: readonly QueryTerm[], docids: readonly number[]): Set<number> {
  const marked = terms.filter((term) => term.exact !== null);
  if (marked.length === 0 || docids.length === 0) return new Set();
  const rows = db
    .prepare('SELECT rowid FROM search_exact WHERE search_exact MATCH ? AND rowid IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(matchExpression(marked, 'exact'), JSON.stringify(docids)) as number[];
  return new Set(rows);
}

interface HitRow {
  docid: number;
  id: string;
  title: string;
  summary: string;
  body_text: string;
  status: ArticleStatus;
  author_id: string;
  author_name: string;
  category: string;
  updated_at: string;
}

function loadHits(db: Db, docids: readonly number[], terms: readonly QueryTerm[], exact: Set<number>): SearchHit[] {
  if (docids.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT d.docid, a.id, a.title, a.summary, a.body_text, a.status, a.author_id, u.display_name AS author_name,
              a.category, a.updated_at
       FROM search_docs d JOIN articles a ON a.id = d.article_id JOIN users u ON u.id = a.author_id
       WHERE d.docid IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(docids)) as HitRow[];
  const byDoc = new Map(rows.map((row) => [row.docid, row]));
  const anyMarked = terms.some((term) => term.exact !== null);
  return docids.flatMap((docid) => {
    const row = byDoc.get(docid);
    if (!row) return [];
    // The body is what a reader recognises an article by; the sapo stands in when the match is only there.
    // The body's marks are found once and serve both the choice and its snippet.
    const bodyMarks = findHighlights(row.body_text, terms);
    const snippet =
      (bodyMarks.length === 0 && mentions(row.summary, terms)) || row.body_text === ''
        ? makeSnippet(row.summary, terms)
        : makeSnippet(row.body_text, terms, bodyMarks);
    return [
      {
        id: row.id,
        title: row.title,
        titleHighlights: findHighlights(row.title, terms),
        status: row.status,
        authorId: row.author_id,
        authorName: row.author_name,
        category: row.category,
        updatedAt: row.updated_at,
        exact: anyMarked && exact.has(docid),
        snippet,
      },
    ];
  });
}

/** With nothing typed, the filters alone list articles, newest first. */
function listFiltered(db: Db, request: SearchRequest, onlyAuthorId: string | undefined): SearchResult {
  const where = filterSql(request.filters, onlyAuthorId);
  const docids = db
    .prepare(
      `SELECT d.docid FROM articles a JOIN search_docs d ON d.article_id = a.id
       ${where.conditions.length > 0 ? `WHERE ${where.conditions.join(' AND ')}` : ''}
       ORDER BY a.updated_at DESC, d.docid DESC LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(...where.params, request.limit + 1, request.offset) as number[];
  const hasMore = docids.length > request.limit;
  const items = loadHits(db, docids.slice(0, request.limit), [], new Set());
  return { items, total: request.offset + items.length, totalIsLowerBound: hasMore, hasMore };
}

/** Articles the quick page looks at for a phrase: enough for a first page, few enough to read at once. */
export const QUICK_PHRASE_CANDIDATES = 120;

/**
 * The quick page for a query with phrases. FTS5 checks a phrase by reading positions of every
 * article that has all its words, and when the words are common and the phrase rare that is most of
 * the index. Here the newest articles with all the words are taken instead, a bounded number, and
 * FTS5 checks the phrase on those alone (looked up by rowid, it reads only their positions, not
 * their text): every hit shown is a real match and the newest there is, but the page may be short,
 * in which case `hasMore` says the ranked search that follows will find more.
 */
function quickPhrases(db: Db, terms: readonly QueryTerm[], where: Where, limit: number): SearchResult {
  const words = terms.flatMap((term) =>
    term.folded.map((word, i) => ({
      folded: [word],
      exact: null,
      prefix: term.prefix && i === term.folded.length - 1,
    })),
  );
  const candidates = newestMatches(db, matchExpression(words, 'folded'), where, {
    limit: QUICK_PHRASE_CANDIDATES,
    scored: false,
  }).map((c) => c.docid);
  const matching = new Set(
    db
      .prepare(
        `SELECT rowid FROM search_folded WHERE search_folded MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(matchExpression(terms, 'folded'), JSON.stringify(candidates)) as number[],
  );
  const found = candidates.filter((docid) => matching.has(docid));
  const docids = found.slice(0, limit);
  const items = loadHits(db, docids, terms, exactAmong(db, terms, docids));
  const hasMore = found.length > limit || candidates.length === QUICK_PHRASE_CANDIDATES;
  return { items, total: items.length, totalIsLowerBound: hasMore, hasMore };
}

/**
 * Every match ranked, best first, as FTS5 ranks them (bm25, title weighs most); with `exact`, those
 * with every marked word exactly as typed come before the rest. The exact set is one pass over the
 * exact index's few doclists, small next to scoring every match, so marks count across the archive.
 */
function rankedMatches(
  db: Db,
  match: string,
  exact: string | null,
  where: Where,
  page: { limit: number; offset: number },
): [docid: number, exact: number][] {
  const tier = exact === null ? '0' : 'rowid IN (SELECT rowid FROM search_exact WHERE search_exact MATCH ?)';
  const sql = `SELECT rowid, ${tier} AS exact FROM search_folded WHERE search_folded MATCH ?
               ORDER BY ${exact === null ? '' : 'exact DESC, '}rank`;
  const params = exact === null ? [match] : [exact, match];
  if (where.conditions.length === 0) {
    return db
      .prepare(`${sql} LIMIT ? OFFSET ?`)
      .raw()
      .all(...params, page.limit, page.offset) as [number, number][];
  }
  // Filters need each match's article row. Checked in rank order, a few at a time, only as many are
  // read as the page needs, rather than every match's row before ranking.
  const ranked = db
    .prepare(sql)
    .raw()
    .all(...params) as [number, number][];
  const allowed = db
    .prepare(
      `SELECT d.docid FROM search_docs d JOIN articles a ON a.id = d.article_id
       WHERE d.docid IN (SELECT value FROM json_each(?)) AND ${where.conditions.join(' AND ')}`,
    )
    .pluck();
  const wanted = page.offset + page.limit;
  const kept: [number, number][] = [];
  for (let start = 0, size = 64; start < ranked.length && kept.length < wanted; start += size, size *= 2) {
    const chunk = ranked.slice(start, start + size);
    const ok = new Set(allowed.all(JSON.stringify(chunk.map(([docid]) => docid)), ...where.params) as number[]);
    for (const row of chunk) if (ok.has(row[0])) kept.push(row);
  }
  return kept.slice(page.offset, wanted);
}

/**
 * Searches the articles `onlyAuthorId` may read (all, when undefined). Articles saved but not yet
 * indexed are indexed first.
 *
 * - `quick`: the newest matches straight off the index; it never scores or sorts, so its cost
 *   depends on the page, not on how many articles match.
 * - `date`: the same order, pageable.
 * - `relevance`: every match, those with every marked word exactly as typed first, each group by
 *   bm25 (title weighs most).
 */
export function searchArticles(db: Db, request: SearchRequest, onlyAuthorId?: string): SearchResult {
  flushSearchIndex(db);
  const terms = parseQuery(request.query, request.typing);
  if (terms.length === 0) return listFiltered(db, request, onlyAuthorId);
  const where = filterSql(request.filters, onlyAuthorId);
  const match = matchExpression(terms, 'folded');
  const { limit, offset } = request;

  if (request.mode === 'quick' && offset === 0 && terms.some((term) => term.folded.length > 1)) {
    return quickPhrases(db, terms, where, limit);
  }

  if (request.mode === 'quick' || request.sort === 'date') {
    const page = newestMatches(db, match, where, { limit: limit + 1, offset, scored: false });
    const hasMore = page.length > limit;
    const docids = page.slice(0, limit).map((c) => c.docid);
    const items = loadHits(db, docids, terms, exactAmong(db, terms, docids));
    return { items, total: offset + items.length, totalIsLowerBound: hasMore, hasMore };
  }

  const marked = terms.filter((term) => term.exact !== null);
  const exactMatch = marked.length > 0 ? matchExpression(marked, 'exact') : null;
  const found = rankedMatches(db, match, exactMatch, where, { limit: limit + 1, offset });
  const hasMore = found.length > limit;
  const page = found.slice(0, limit);
  const exact = new Set(page.filter(([, isExact]) => isExact).map(([docid]) => docid));
  const items = loadHits(
    db,
    page.map(([docid]) => docid),
    terms,
    exact,
  );
  // Nothing found: the nearest spelling in the archive, for whoever may read the whole archive
  // (the index's words include other people's drafts).
  const suggestion =
    items.length === 0 && offset === 0 && onlyAuthorId === undefined ? suggestSpelling(db, terms) : null;
  return { items, total: offset + items.length, totalIsLowerBound: hasMore, hasMore, suggestion };
}
