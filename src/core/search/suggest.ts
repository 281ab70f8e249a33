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
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, 'search_folded', 'row')");
  const known = db.prepare('SELECT doc FROM temp.search_vocab WHERE term = ?').pluck();
  const near = db.prepare('SELECT term, doc FROM temp.search_vocab WHERE length(term) BETWEEN ? AND ?');
  let changed = false;
  const words = terms.flatMap((term) => term.folded);
  const suggested = words.map((word) => {
    if (known.get(word) !== undefined || /^\d+$/.test(word)) return word;
    const allowed = word.length <= 4 ? 1 : 2;
    let best: { term: string; distance: number; doc: number } | null = null;
    for (const row of near.all(word.length - allowed, word.length + allowed) as { term: string; doc: number }[]) {
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
