import type { Database as Db } from 'better-sqlite3';
import type { QueryTerm } from '../../shared/search';

/**
 * The nearest spelling the archive holds for a query that found nothing: each folded word the
 * index does not know is replaced by the indexed word closest to it (at most one edit for short
 * words, two for longer ones; among equals the word in most articles). Read from the index's
 * own vocabulary (FTS5's fts5vocab over `search_folded`), so it knows every word of every
 * article and nothing else. Null when every word is known or nothing is near enough.
 */
export function suggestSpelling(db: Db, terms: readonly QueryTerm[]): string | null {
  const vocabulary = vocabularyOf(db);
  let changed = false;
  const words = terms.flatMap((term) => term.folded);
  const suggested = words.map((word) => {
    if (vocabulary.has(word) || /^\d+$/.test(word)) return word;
    const allowed = word.length <= 4 ? 1 : 2;
    let best: { term: string; distance: number; doc: number } | null = null;
    for (const [term, doc] of vocabulary) {
      if (Math.abs(term.length - word.length) > allowed) continue;
      const row = { term, doc };
      const distance = editDistance(word, row.term, allowed);
      if (distance > allowed) continue;
      if (!best || distance < best.distance || (distance === best.distance && row.doc > best.doc)) {
        best = { term: row.term, distance, doc: row.doc };
      }
    }
    if (!best) return word;
    changed = true;
    return best.term;
  });
  return changed ? suggested.join(' ') : null;
}

/**
 * The index's words with the number of articles holding each. Reading them walks the whole index
 * (fts5vocab counts as it goes), so they are kept per database and read again once the index has
 * moved on (indexing gives an article a new docid) or a minute has passed (the newest article
 * indexed again may keep its docid).
 */
const vocabularies = new WeakMap<Db, { stamp: number; at: number; words: Map<string, number> }>();
const KEEP_MS = 60_000;

function vocabularyOf(db: Db): Map<string, number> {
  const stamp = (db.prepare('SELECT coalesce(max(docid), 0) FROM search_docs').pluck().get() as number) ?? 0;
  const kept = vocabularies.get(db);
  if (kept && kept.stamp === stamp && Date.now() - kept.at < KEEP_MS) return kept.words;
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, 'search_folded', 'row')");
  const rows = db.prepare('SELECT term, doc FROM temp.search_vocab').all() as { term: string; doc: number }[];
  const words = new Map(rows.map((row) => [row.term, row.doc]));
  vocabularies.set(db, { stamp, at: Date.now(), words });
  return words;
}

/** Edits (insert, delete, substitute, swap of two neighbours) from `a` to `b`, giving up past `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
