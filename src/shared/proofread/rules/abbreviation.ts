/**
 * abbreviation.undefined. An article spells a name out before it abbreviates it: "Uỷ ban nhân dân
 * (UBND)". Each block lists its abbreviation uses and the known expansions it contains; the
 * article-wide pass in engine.ts reports the first use of each abbreviation that comes before its
 * spelling-out. A few abbreviations every reader knows need none; neither do the ones the office
 * adds to its own lexicon.
 */
import { fold } from '../../text';
import { parseSyllable } from '../syllable';
import { convertToneStyle } from '../toneStyle';
import type { ToneStyle } from '../types';
import { isAllCaps } from '../words';
import type { BlockInput, Hit } from './rule';

/** Expansions; a finding writes them in the article's tone style. */
export const EXPANSIONS: Readonly<Record<string, string>> = {
  UBND: 'Uỷ ban nhân dân',
  HĐND: 'Hội đồng nhân dân',
  MTTQ: 'Mặt trận Tổ quốc',
  UBMTTQ: 'Uỷ ban Mặt trận Tổ quốc',
  THPT: 'trung học phổ thông',
  THCS: 'trung học cơ sở',
  BCH: 'Ban Chấp hành',
  CLB: 'câu lạc bộ',
  ANTT: 'an ninh trật tự',
  CNTT: 'công nghệ thông tin',
  BHXH: 'bảo hiểm xã hội',
  HTX: 'hợp tác xã',
  VHTT: 'Văn hóa và Thông tin',
};
const FOLDED = Object.entries(EXPANSIONS).map(([abbr, expansion]) => [abbr, fold(expansion)] as const);

export const UNIVERSAL = new Set([
  'TP',
  'TW',
  'TƯ',
  'GDP',
  'UNESCO',
  'ASEAN',
  'COVID',
  'WHO',
  'USD',
  'VND',
  'ATM',
  'SMS',
  'PGS',
  'GS',
  'TS',
  'CEO',
  'OK',
]);

/**
 * Abbreviations the press uses without spelling them out first, in Huế as elsewhere: an office
 * starts with this list and edits it in its house style (proofread.settings).
 */
export const PRESS_ABBREVIATIONS: readonly string[] = [
  'UBND',
  'HĐND',
  'MTTQ',
  'UBMTTQ',
  'TP',
  'TX',
  'ĐBQH',
  'UVTV',
  'BTC',
  'BCH',
  'BTV',
  'THPT',
  'THCS',
  'CLB',
  'CSGT',
  'BHXH',
  'BHYT',
  'HTX',
  'CNTT',
];

/** Parts of a web address ("TTH.VN", "hue.gov.vn") or an e-mail are names, not abbreviations. */
function inAddress(text: string, start: number, end: number): boolean {
  return (
    /[\p{L}\d]\.$|@$/u.test(text.slice(Math.max(0, start - 2), start)) ||
    /^\.[\p{L}\d]|^@/u.test(text.slice(end, end + 2))
  );
}

/** Khóa XIV, Chương II: Roman numerals are numbers, not abbreviations. */
const ROMAN = /^[IVXLCDM]+$/;

export interface AbbreviationUse {
  abbr: string;
  start: number;
  end: number;
  /** Written as "(UBND)" after its expansion or "UBND (…)" before one. */
  defines: boolean;
}

export interface AbbreviationFacts {
  uses: AbbreviationUse[];
  /** Known abbreviations whose expansion the block contains. */
  spelledOut: string[];
}

function initials(text: string): string {
  return fold(text)
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((w) => w[0])
    .join('');
}

export function abbreviationFacts(input: BlockInput): AbbreviationFacts {
  const { text } = input;
  const uses: AbbreviationUse[] = [];
  for (const word of input.words) {
    if (word.code || !isAllCaps(word.text) || parseSyllable(word.text) || ROMAN.test(word.text)) continue;
    if (inAddress(text, word.start, word.end)) continue;
    const abbr = word.text.normalize('NFC');
    const inParens = text[word.start - 1] === '(' && text[word.end] === ')';
    const after = /^\s*\(([^)]+)\)/.exec(text.slice(word.end))?.[1];
    const defines = inParens || (after !== undefined && initials(after) === fold(abbr));
    uses.push({ abbr, start: word.start, end: word.end, defines });
  }
  const folded = fold(text);
  const spelledOut = FOLDED.filter(([, expansion]) => folded.includes(expansion)).map(([abbr]) => abbr);
  return { uses, spelledOut };
}

export function undefinedAbbreviation(use: AbbreviationUse, toneStyle: ToneStyle): Hit {
  const expansion = EXPANSIONS[use.abbr];
  const styled = expansion && convertToneStyle(expansion, toneStyle);
  return {
    start: use.start,
    end: use.end,
    rule: 'abbreviation.undefined',
    severity: 'warning',
    message: styled
      ? `“${use.abbr}” được dùng trước khi viết đầy đủ. Lần đầu hãy viết “${styled} (${use.abbr})”.`
      : `“${use.abbr}” được dùng trước khi viết đầy đủ. Lần đầu hãy viết tên đầy đủ rồi ghi “(${use.abbr})”.`,
    ...(styled ? { fix: `${styled} (${use.abbr})` } : {}),
  };
}
