/**
 * punctuation.unbalanced, punctuation.ellipsis, punctuation.rangeDash. Quotes and brackets are
 * matched within a block: a quotation that runs over several paragraphs is rare in the office's
 * articles, and a lost closing mark is not (the sample loses one).
 */
import type { BlockInput, Hit } from './rule';

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '”': '“' };
const OPENERS = new Set(['(', '[', '“']);
/** `a)`, `1)`, `b]` at the start of a block number a list, with no opening bracket. */
const LIST_MARKER = /^\s*[\p{L}\d]{1,3}[)\]]/u;
const YEARS = /(?<![\d/.,-])(\d{4})(\s?)-(\s?)(\d{4})(?![\d/-]|[.,]\d)/g;
const PAGES = /(?<![\p{L}\p{M}])(trang|tr\.)\s+(\d+)-(\d+)(?![\d/.-])/giu;

function unbalanced(text: string): Hit[] {
  const hits: Hit[] = [];
  const stack: { ch: string; at: number }[] = [];
  const skip = LIST_MARKER.exec(text)?.[0].length ?? 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (OPENERS.has(ch)) stack.push({ ch, at: i });
    else if (PAIRS[ch] && i >= skip) {
      const top = stack[stack.length - 1];
      if (top?.ch === PAIRS[ch]) stack.pop();
      else
        hits.push({
          start: i,
          end: i + 1,
          rule: 'punctuation.unbalanced',
          severity: 'error',
          message: `Có dấu đóng ${ch} nhưng không có dấu mở ${PAIRS[ch]} tương ứng. Thêm dấu mở hoặc xóa dấu đóng này.`,
        });
    }
  }
  for (const open of stack) {
    const close = Object.keys(PAIRS).find((k) => PAIRS[k] === open.ch)!;
    hits.push({
      start: open.at,
      end: open.at + 1,
      rule: 'punctuation.unbalanced',
      severity: 'error',
      message: `Có dấu mở ${open.ch} nhưng không có dấu đóng ${close} trong đoạn. Thêm dấu đóng ở cuối phần trích dẫn.`,
    });
  }
  const straight = [...text.matchAll(/"/g)];
  if (straight.length % 2 === 1) {
    const last = straight[straight.length - 1]!.index;
    hits.push({
      start: last,
      end: last + 1,
      rule: 'punctuation.unbalanced',
      severity: 'error',
      message: 'Số dấu ngoặc kép " trong đoạn là số lẻ: thiếu một dấu mở hoặc đóng. Kiểm tra lại phần trích.',
    });
  }
  return hits;
}

function ellipsis(text: string): Hit[] {
  return Array.from(text.matchAll(/(?<!\.)\.{3}(?!\.)/g), (m) => ({
    start: m.index,
    end: m.index + 3,
    rule: 'punctuation.ellipsis' as const,
    severity: 'suggestion' as const,
    message: 'Ba dấu chấm liền nhau: dùng dấu chấm lửng “…”.',
    fix: '…',
  }));
}

function ranges(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const m of text.matchAll(YEARS)) {
    const [, from, , , to] = m;
    if (Number(from) < 1000 || Number(to) <= Number(from) || Number(to) > 2999) continue;
    hits.push({
      start: m.index,
      end: m.index + m[0].length,
      rule: 'punctuation.rangeDash',
      severity: 'suggestion',
      message: `Khoảng năm viết bằng gạch nối: dùng gạch ngang “–” (${from}–${to}).`,
      fix: `${from}–${to}`,
    });
  }
  for (const m of text.matchAll(PAGES)) {
    const [, word, from, to] = m;
    const start = m.index + m[0].length - `${from}-${to}`.length;
    hits.push({
      start,
      end: m.index + m[0].length,
      rule: 'punctuation.rangeDash',
      severity: 'suggestion',
      message: `Khoảng ${word} viết bằng gạch nối: dùng gạch ngang “–” (${from}–${to}).`,
      fix: `${from}–${to}`,
    });
  }
  return hits;
}

export function punctuation(input: BlockInput): Hit[] {
  const { text, settings } = input;
  return [
    ...(settings.enabled('punctuation.unbalanced') ? unbalanced(text) : []),
    ...(settings.enabled('punctuation.ellipsis') ? ellipsis(text) : []),
    ...(settings.enabled('punctuation.rangeDash') ? ranges(text) : []),
  ];
}
