import { foldWithMap, searchFold, TOKEN, type Highlight, type QueryTerm } from '../../shared/search';

/** Characters of body shown around the best match. */
const SNIPPET_CHARS = 200;
const LEAD_CHARS = 40;

function wordMatches(word: string, terms: readonly QueryTerm[]): boolean {
  for (const term of terms) {
    const last = term.folded.length - 1;
    for (let i = 0; i <= last; i++) {
      const wanted = term.folded[i]!;
      if (term.prefix && i === last ? word.startsWith(wanted) : word === wanted) return true;
    }
  }
  return false;
}

/**
 * Where the query's words occur in `text`, as ranges of the original text. Matching runs on the
 * folded form word by word, then each range is mapped back through the fold, so `duong` marks the
 * whole of `đường` however it was composed.
 */
export function findHighlights(text: string, terms: readonly QueryTerm[]): Highlight[] {
  if (terms.length === 0 || text === '') return [];
  const { folded, starts, ends } = foldWithMap(text);
  const ranges: Highlight[] = [];
  for (const match of folded.matchAll(TOKEN)) {
    if (!wordMatches(match[0], terms)) continue;
    const start = starts[match.index]!;
    const end = ends[match.index + match[0].length - 1]!;
    const previous = ranges.at(-1);
    // Adjacent words of a phrase read better as one mark.
    if (previous && /^\s*$/.test(text.slice(previous.end, start))) previous.end = end;
    else ranges.push({ start, end });
  }
  return ranges;
}

/** Whether any query word occurs in `text`: a cheap test on the folded text before mapping anything. */
export function mentions(text: string, terms: readonly QueryTerm[]): boolean {
  if (text === '') return false;
  for (const match of searchFold(text).matchAll(TOKEN)) if (wordMatches(match[0], terms)) return true;
  return false;
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
