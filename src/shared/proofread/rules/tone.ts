/**
 * tone.style and tone.mixed. Each block lists the words whose mark placement shows a style (only
 * open oa/oe/uy do, see toneStyle.ts); tone.style is decided per block against the house style,
 * tone.mixed once per article from every block's list (engine.ts), so it stays right when one
 * block is re-checked alone.
 */
import { parseSyllable, withToneAt } from '../syllable';
import type { ToneStyle } from '../types';
import type { BlockInput, Hit } from './rule';

export interface ToneMark {
  start: number;
  end: number;
  text: string;
  style: ToneStyle;
  /** The word in the other style. */
  other: string;
}

export const STYLE_NAME: Record<ToneStyle, string> = { old: 'kiểu cũ', new: 'kiểu mới' };
const EXAMPLE: Record<ToneStyle, string> = { old: 'hòa, thủy', new: 'hoà, thuỷ' };

export function toneMarks(input: BlockInput): ToneMark[] {
  const marks: ToneMark[] = [];
  for (const word of input.words) {
    const syllable = parseSyllable(word.text);
    if (!syllable?.style) continue;
    const other: ToneStyle = syllable.style === 'old' ? 'new' : 'old';
    marks.push({ ...word, style: syllable.style, other: withToneAt(syllable, syllable.placements[other]) });
  }
  return marks;
}

export function toneStyle(marks: readonly ToneMark[], house: ToneStyle | null): Hit[] {
  if (!house) return [];
  return marks
    .filter((m) => m.style !== house)
    .map((m) => ({
      start: m.start,
      end: m.end,
      rule: 'tone.style' as const,
      severity: 'warning' as const,
      message: `“${m.text}” bỏ dấu ${STYLE_NAME[m.style]}; quy định của cơ quan là ${STYLE_NAME[house]} (${EXAMPLE[house]}). Sửa thành “${m.other}”.`,
      fix: m.other,
    }));
}
