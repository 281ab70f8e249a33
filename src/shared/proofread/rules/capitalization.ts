/**
 * capitalization.term: how Nghị định 30/2020/NĐ-CP writes a few names that articles often get
 * wrong. Conservative on purpose: `nhà nước` and `nhân dân` are ordinary words in many sentences
 * (bí mật nhà nước, trách nhiệm của nhân dân), so for those only over-capitalisation is reported;
 * lowercase is reported only for names that are always capitalised (Tổ quốc, Quốc hội …).
 */
import { phraseKey, phrasesPattern } from '../phrase';
import { convertToneStyle } from '../toneStyle';
import type { BlockInput, Hit } from './rule';

interface Term {
  /** As Nghị định 30/2020 writes it, new tone style. */
  written: string;
  /** Whether an all-lowercase occurrence is wrong too. */
  lowerIsWrong: boolean;
}

const TERMS: readonly Term[] = [
  { written: 'Đảng Cộng sản Việt Nam', lowerIsWrong: true },
  { written: 'Mặt trận Tổ quốc Việt Nam', lowerIsWrong: true },
  { written: 'Ban Chấp hành Trung ương', lowerIsWrong: true },
  { written: 'Thủ tướng Chính phủ', lowerIsWrong: true },
  { written: 'Chủ tịch nước', lowerIsWrong: true },
  { written: 'Bộ Chính trị', lowerIsWrong: true },
  { written: 'Tổ quốc', lowerIsWrong: true },
  { written: 'Quốc hội', lowerIsWrong: true },
  { written: 'Uỷ ban nhân dân', lowerIsWrong: false },
  { written: 'Hội đồng nhân dân', lowerIsWrong: false },
  { written: 'Nhà nước', lowerIsWrong: false },
  { written: 'Chính phủ', lowerIsWrong: false },
];
const BY_KEY = new Map(TERMS.map((term) => [term.written.toLowerCase(), term]));
const PATTERN = phrasesPattern(TERMS.map((term) => term.written));

export function capitalization(input: BlockInput): Hit[] {
  const { probe } = input;
  if (!probe) return [];
  const hits: Hit[] = [];
  for (const m of probe.matchAll(PATTERN)) {
    const term = BY_KEY.get(phraseKey(m[0]));
    if (term) {
      const { written, lowerIsWrong } = term;
      const start = m.index;
      const end = start + m[0].length;
      const found = m[0].replace(/\s+/g, ' ');
      const lower = written.toLowerCase();
      const sentenceStart = lower[0]!.toUpperCase() + lower.slice(1);
      if (found === written || found === found.toUpperCase()) continue;
      if (!lowerIsWrong && (found === lower || found === sentenceStart)) continue;
      const right = input.settings.toneStyle === 'old' ? convertToneStyle(written, 'old') : written;
      hits.push({
        start,
        end,
        rule: 'capitalization.term',
        severity: 'suggestion',
        message: `Theo Nghị định 30/2020/NĐ-CP viết hoa là “${right}”.`,
        fix: right,
      });
    }
  }
  return hits;
}
