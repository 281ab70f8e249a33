import type { TextAnchor } from '../../shared/review';

/** How many characters on each side of the quote an anchor keeps, to tell repeats apart. */
export const CONTEXT_CHARS = 32;

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Finds a text-quote anchor in the current text: among the places where the exact quote occurs,
 * the one whose surroundings match the stored prefix and suffix best. Null when the quoted text
 * is gone (the comment is then "detached", shown apart from the text).
 */
export function resolveAnchor(text: string, anchor: TextAnchor): { start: number; end: number } | null {
  let best: { start: number; score: number } | null = null;
  for (let at = text.indexOf(anchor.exact); at !== -1; at = text.indexOf(anchor.exact, at + 1)) {
    const before = text.slice(Math.max(0, at - anchor.prefix.length), at);
    const after = text.slice(at + anchor.exact.length, at + anchor.exact.length + anchor.suffix.length);
    const score = commonSuffixLength(before, anchor.prefix) + commonPrefixLength(after, anchor.suffix);
    if (!best || score > best.score) best = { start: at, score };
  }
  return best ? { start: best.start, end: best.start + anchor.exact.length } : null;
}

/** An anchor for the range [start, end) of a text, as the editor would send it. */
export function anchorFor(text: string, start: number, end: number): TextAnchor {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: text.slice(end, end + CONTEXT_CHARS),
  };
}
