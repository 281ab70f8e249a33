/**
 * Spaces around punctuation. A missing space is reported only where a sentence really continues:
 * never inside numbers (1.000, 3,5, 10:51), dates and document numbers (12/4/2021, 03/CT-UBND),
 * web and e-mail addresses, or after a dotted abbreviation (TP.Huế, Tp.HCM, PGS.TS), which the
 * office accepts as written.
 */
import { isAddress } from '../words';
import type { BlockInput, Hit } from './rule';
import { LOST_BREAK_MIN } from './paragraph';

export const SPACE = '[ \\t\\u00a0\\u2000-\\u200a\\u202f\\u205f\\u3000]';
const RUN = new RegExp(`${SPACE}{2,}`, 'g');
const BEFORE_PUNCTUATION = new RegExp(`${SPACE}+(?=[,;:!?)\\]”]|\\.(?!\\.))`, 'g');
const AFTER_OPENING = new RegExp(`[(\\[“]${SPACE}+`, 'g');
const SENTENCE_END = /[.!?…]["”’)\]]*$/;
const MISSING_AFTER = /[,;:!?)”](?=\p{L})|\.(?=\p{Lu})|(?<=\p{L})[(“]/gu;
const DOTTED_ABBREVIATIONS = new Set([
  'tp',
  'tt',
  'ts',
  'ths',
  'pgs',
  'gs',
  'bs',
  'ks',
  'cn',
  'th',
  'st',
  'q',
  'p',
  'tr',
]);

function chunkAround(text: string, at: number): string {
  let from = at;
  let to = at;
  while (from > 0 && !/\s/.test(text[from - 1]!)) from--;
  while (to < text.length && !/\s/.test(text[to]!)) to++;
  return text.slice(from, to);
}

function doubles(input: BlockInput): Hit[] {
  const { text } = input;
  const hits: Hit[] = [];
  for (const m of text.matchAll(RUN)) {
    const end = m.index + m[0].length;
    // Indentation at either edge of a block or after a line break is layout, not a typing slip.
    if (m.index === 0 || end === text.length || text[m.index - 1] === '\n' || text[end] === '\n') continue;
    const lostBreak =
      m[0].length >= LOST_BREAK_MIN && SENTENCE_END.test(text.slice(0, m.index)) && /\p{Lu}/u.test(text[end]!);
    // Before closing punctuation the whole run is spacing.beforePunctuation's to remove.
    if (lostBreak || /[,;:!?)\]”]/.test(text[end]!)) continue;
    hits.push({
      start: m.index,
      end,
      rule: 'spacing.double',
      severity: 'warning',
      message: `Thừa dấu cách: ${m[0].length} dấu cách liền nhau. Chỉ để một dấu cách.`,
      fix: ' ',
    });
  }
  return hits;
}

function aroundPunctuation(input: BlockInput): Hit[] {
  const { text } = input;
  const hits: Hit[] = [];
  for (const m of text.matchAll(BEFORE_PUNCTUATION)) {
    if (m.index === 0 || text[m.index - 1] === '\n') continue;
    const mark = text[m.index + m[0].length]!;
    hits.push({
      start: m.index,
      end: m.index + m[0].length,
      rule: 'spacing.beforePunctuation',
      severity: 'warning',
      message: `Thừa dấu cách trước dấu ${mark}. Xóa dấu cách.`,
      fix: '',
    });
  }
  for (const m of text.matchAll(AFTER_OPENING)) {
    const end = m.index + m[0].length;
    if (end === text.length) continue;
    hits.push({
      start: m.index + 1,
      end,
      rule: 'spacing.afterOpening',
      severity: 'warning',
      message: `Thừa dấu cách sau dấu ${text[m.index]}. Xóa dấu cách.`,
      fix: '',
    });
  }
  return hits;
}

function missing(input: BlockInput): Hit[] {
  const { text } = input;
  const hits: Hit[] = [];
  for (const m of text.matchAll(MISSING_AFTER)) {
    const mark = m[0];
    if (isAddress(chunkAround(text, m.index))) continue;
    if (mark === '.') {
      const before = /[\p{L}\p{M}]+$/u.exec(text.slice(0, m.index))?.[0] ?? '';
      const abbreviation = before === before.toUpperCase() || DOTTED_ABBREVIATIONS.has(before.toLowerCase());
      if (!before || abbreviation) continue;
    }
    const opening = mark === '(' || mark === '“';
    hits.push({
      start: m.index,
      end: m.index + 1,
      rule: 'spacing.missingAfterPunctuation',
      severity: 'warning',
      message: opening
        ? `Thiếu dấu cách trước dấu ${mark}. Thêm một dấu cách.`
        : `Thiếu dấu cách sau dấu ${mark}. Thêm một dấu cách.`,
      fix: opening ? ` ${mark}` : `${mark} `,
    });
  }
  return hits;
}

/** A dash between words with a space on one side only: "HĐND –UBND", "kinh tế- xã hội". */
const DASH_ONE_SIDE = new RegExp(
  `(?<=[\\p{L}\\d])(?:(${SPACE}+)([–—-])(?=\\p{L})|([–—-])(${SPACE}+)(?=[\\p{L}\\d]))`,
  'gu',
);

function dashes(input: BlockInput): Hit[] {
  const { text } = input;
  const hits: Hit[] = [];
  for (const m of text.matchAll(DASH_ONE_SIDE)) {
    const dash = (m[2] ?? m[3])!;
    // A hyphen inside a word or a code ("03/CT-UBND", "Covid-19") has no space at all; an en or em
    // dash between words takes one on each side, and so does a hyphen standing for one.
    if (isAddress(chunkAround(text, m.index))) continue;
    hits.push({
      start: m.index,
      end: m.index + m[0].length,
      rule: 'spacing.dashOneSide',
      severity: 'warning',
      message: `Dấu ${dash} có dấu cách ở một bên. Đặt một dấu cách ở cả hai bên: “ ${dash} ”.`,
      fix: ` ${dash} `,
    });
  }
  return hits;
}

export function spacing(input: BlockInput): Hit[] {
  return [...doubles(input), ...aroundPunctuation(input), ...missing(input), ...dashes(input)];
}
