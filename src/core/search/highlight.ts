import { foldWithMap, searchFold, TOKEN, type Highlight, type QueryTerm } from '../../shared/search';

/** Characters of body shown around the best match. */
const SNIPPET_CHARS = 200;
const LEAD_CHARS = 40;

interface Token {
  word: string;
  start: number;
  end: number;
}

/**
 * Where each term occurs among the folded words, as [first, last] word positions: a single word
 * where it is that word (or, typed last, begins with it), a phrase only where its words stand in
 * that order one after another, so "tổ quốc" never marks a lone "tổ".
 */
function termSpans(tokens: readonly Token[], terms: readonly QueryTerm[]): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const term of terms) {
      const n = term.folded.length;
      if (i + n > tokens.length) continue;
      let all = true;
      for (let k = 0; k < n && all; k++) {
        const word = tokens[i + k]!.word;
        const wanted = term.folded[k]!;
        all = term.prefix && k === n - 1 ? word.startsWith(wanted) : word === wanted;
      }
      if (all) {
        spans.push([i, i + n - 1]);
        break;
      }
    }
  }
  return spans;
}

const tokensOf = (folded: string): Token[] =>
  Array.from(folded.matchAll(TOKEN), (m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));

/**
 * Where the query's words and phrases occur in `text`, as ranges of the original text. Matching
 * runs on the folded form, then each range is mapped back through the fold, so `duong` marks the
 * whole of `đường` however it was composed.
 */
export function findHighlights(text: string, terms: readonly QueryTerm[]): Highlight[] {
  if (terms.length === 0 || text === '') return [];
  const { folded, starts, ends } = foldWithMap(text);
  const tokens = tokensOf(folded);
  const ranges: Highlight[] = [];
  for (const [first, last] of termSpans(tokens, terms)) {
    const start = starts[tokens[first]!.start]!;
    const end = ends[tokens[last]!.end - 1]!;
    const previous = ranges.at(-1);
    if (previous && start < previous.end) previous.end = Math.max(previous.end, end);
    // Adjacent matches read better as one mark.
    else if (previous && /^\s*$/.test(text.slice(previous.end, start))) previous.end = end;
    else ranges.push({ start, end });
  }
  return ranges;
}

/** Whether the query occurs in `text`: a cheap test on the folded text before mapping anything. */
export function mentions(text: string, terms: readonly QueryTerm[]): boolean {
  if (text === '') return false;
  return termSpans(tokensOf(searchFold(text)), terms).length > 0;
}

/** A window of the body around its densest run of matches, with the ranges shifted into it. */
export function makeSnippet(
  text: string,
  terms: readonly QueryTerm[],
  all: Highlight[] = findHighlights(text, terms),
): { text: string; highlights: Highlight[] } {
  let best = 0;
  let bestCount = 0;
  for (let i = 0; i < all.length; i++) {
    let count = 0;
    for (let j = i; j < all.length && all[j]!.end - all[i]!.start <= SNIPPET_CHARS - LEAD_CHARS; j++) count++;
    if (count > bestCount) [best, bestCount] = [i, count];
  }
  let start = all.length > 0 ? Math.max(0, all[best]!.start - LEAD_CHARS) : 0;
  // Start and end on word boundaries, never inside a word or a surrogate pair.
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  while (start < text.length && /\s/.test(text[start]!)) start++;
  let end = Math.min(text.length, start + SNIPPET_CHARS);
  while (end < text.length && !/\s/.test(text[end]!)) end++;
  const prefix = start > 0 ? '… ' : '';
  const suffix = end < text.length ? ' …' : '';
  const shift = prefix.length - start;
  return {
    text: prefix + text.slice(start, end).trimEnd() + suffix,
    highlights: all
      .filter((range) => range.start >= start && range.end <= end)
      .map((range) => ({ start: range.start + shift, end: range.end + shift })),
  };
}
