/**
 * Article search: what crosses the API, and the text forms both sides agree on.
 *
 * Two forms of every text are indexed. The folded form (`fold`: marks stripped, đ→d, lower-case)
 * finds `đường` for `duong`. The exact form keeps every mark but writes each word's tone as a
 * leading digit, so a typed mark is compared as typed while `hòa` and `hoà` (the same word with the
 * tone written on a different vowel, old and new style) are one word: both are `2hoa`.
 */
import { z } from 'zod';
import { ARTICLE_STATUSES } from './domain';
import { text } from './api/fields';
import { fold } from './text';

export const SEARCH_SORTS = ['relevance', 'date'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** `quick`: the first page, newest first, fast enough to follow typing; `full`: ranked, pageable. */
export const SEARCH_MODES = ['quick', 'full'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export const SEARCH_PAGE_MAX = 50;

const instant = z.iso.datetime({ offset: true });

export const searchInputSchema = z
  .object({
    query: text(500),
    filters: z
      .object({
        status: z.enum(ARTICLE_STATUSES).optional(),
        authorId: z.uuid().optional(),
        category: text(200, { trim: true }).optional(),
        /** Last change at or after this instant. */
        from: instant.optional(),
        /** Last change at or before this instant. */
        to: instant.optional(),
      })
      .strict()
      .default({}),
    sort: z.enum(SEARCH_SORTS).default('relevance'),
    mode: z.enum(SEARCH_MODES).default('full'),
    /** Whether the last word is still being typed and so matches as a prefix. */
    typing: z.boolean().default(false),
    limit: z.number().int().min(1).max(SEARCH_PAGE_MAX).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();

/** Offsets are UTF-16 code units into the text they come with, end exclusive. */
export const highlightSchema = z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive() });
export type Highlight = z.infer<typeof highlightSchema>;

export const searchHitSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  titleHighlights: z.array(highlightSchema),
  status: z.enum(ARTICLE_STATUSES),
  authorId: z.uuid(),
  authorName: z.string(),
  category: z.string(),
  updatedAt: instant,
  /** Every word typed with marks matched with exactly those marks. */
  exact: z.boolean(),
  snippet: z.object({ text: z.string(), highlights: z.array(highlightSchema) }),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchOutputSchema = z.object({
  items: z.array(searchHitSchema),
  /** Matches counted; when `totalIsLowerBound`, there are more than this. */
  total: z.number().int().nonnegative(),
  totalIsLowerBound: z.boolean(),
  hasMore: z.boolean(),
  /** For a query that found nothing: the nearest spelling the archive holds (folded words), if any. */
  suggestion: z.string().nullable().optional(),
});

/** Tone marks, numbered as Vietnamese teaching orders them after the level tone. */
const TONES: Record<string, string> = { '\u0301': '1', '\u0300': '2', '\u0309': '3', '\u0303': '4', '\u0323': '5' };
const TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/g;
const WORD_NFD = /[\p{L}\p{M}\p{N}]+/gu;

function exactWord(word: string): string {
  let tone = '';
  const bare = word
    .normalize('NFD')
    .toLowerCase()
    .replace(TONE_MARK, (mark) => {
      tone ||= TONES[mark]!;
      return '';
    });
  return tone + bare.normalize('NFC');
}

/** Exact forms of words seen: an article repeats a few thousand words at most. */
const wordForms = new Map<string, string>();

/**
 * The exact form: each word lower-case NFC with its tone mark moved to a leading digit. What lies
 * between words is left as it is; the index only separates on it.
 */
export function exactForm(text: string): string {
  return text.replace(WORD_NFD, (word) => {
    let form = wordForms.get(word);
    if (form === undefined) {
      form = exactWord(word);
      if (wordForms.size < 50_000) wordForms.set(word, form);
    }
    return form;
  });
}

const MARK = /\p{M}/u;
/** Folded forms of single characters: a Vietnamese text uses a few hundred distinct ones. */
const unitFolds = new Map<string, string>();

function foldUnit(unit: string): string {
  let folded = unitFolds.get(unit);
  if (folded === undefined) {
    folded = fold(unit);
    if (unitFolds.size < 5000) unitFolds.set(unit, folded);
  }
  return folded;
}

/**
 * `fold` (text.ts) computed one character at a time with a cache, several times faster on long
 * texts; search folds every article it indexes and every text it marks with this one function.
 * The result is the same except where lower-casing depends on context (Greek final sigma), and
 * since query and index both use it, they agree there too.
 */
export function searchFold(text: string): string {
  let folded = '';
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    let end = i + (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1);
    while (end < text.length && text.charCodeAt(end) >= 0x300 && MARK.test(text[end]!)) end++;
    if (end === i + 1 && code < 0x80) folded += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text[i];
    else folded += foldUnit(text.slice(i, end));
    i = end;
  }
  return folded;
}

/**
 * The folded text plus, for each of its code units, the span of the original it came from, so a
 * match found in the folded text can be marked on the text the reader sees. A unit of the original
 * is one character (a surrogate pair counts as one) with any combining marks after it, as NFD has.
 */
export function foldWithMap(text: string): { folded: string; starts: number[]; ends: number[] } {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    let end = i + (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1);
    while (end < text.length && text.charCodeAt(end) >= 0x300 && MARK.test(text[end]!)) end++;
    const part =
      end === i + 1 && code < 0x80
        ? code >= 65 && code <= 90
          ? text[i]!.toLowerCase()
          : text[i]!
        : foldUnit(text.slice(i, end));
    for (let k = 0; k < part.length; k++) {
      starts.push(i);
      ends.push(end);
    }
    folded += part;
    i = end;
  }
  return { folded, starts, ends };
}

/**
 * Words as the index splits them (FTS5 unicode61: letters, digits and private-use characters;
 * everything else separates).
 */
export const TOKEN = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;

export interface QueryTerm {
  /** Folded words; more than one is a phrase. */
  folded: string[];
  /** Exact-form words, or null when the term was typed without marks (nothing to compare exactly). */
  exact: string[] | null;
  /** The last word matches as a prefix. */
  prefix: boolean;
}

/**
 * Splits what was typed into terms. Quoted text is a phrase; so is a word with inner punctuation
 * (`03/CT-UBND`), because the index splits it too. A trailing `*`, or `typing` with no space after
 * the last word, makes the last word a prefix. NFD and upper case come out as NFC and lower case.
 */
export function parseQuery(input: string, typing = false): QueryTerm[] {
  const text = input.normalize('NFC');
  const terms: QueryTerm[] = [];
  const chunks = [...text.matchAll(/"([^"]*)("?)|[^\s"]+/g)];
  chunks.forEach((chunk, index) => {
    const quoted = chunk[1] !== undefined;
    const raw = quoted ? chunk[1]! : chunk[0];
    const last = index === chunks.length - 1;
    const open = quoted && chunk[2] === '';
    const trailingSpace = last && /\s$/.test(text);
    const starred = /\*\s*$/.test(raw);
    const words = [...raw.matchAll(TOKEN)].map((m) => m[0]);
    if (words.length === 0) return;
    const folded = words.map((word) => searchFold(word));
    const marked = words.some((word, i) => word.toLowerCase() !== folded[i]);
    terms.push({
      folded,
      exact: marked ? words.map((word) => exactForm(word)) : null,
      prefix: starred || (typing && last && !trailingSpace && (!quoted || open)),
    });
  });
  return terms;
}

/** A query string for FTS5, every word quoted so nothing typed is read as FTS5 syntax. */
export function matchExpression(terms: readonly QueryTerm[], form: 'folded' | 'exact'): string {
  return terms
    .map((term) => {
      const words = form === 'folded' ? term.folded : term.exact!;
      return words.map((word) => `"${word.replace(/"/g, '""')}"`).join(' + ') + (term.prefix ? ' *' : '');
    })
    .join(' ');
}
