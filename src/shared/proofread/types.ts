/**
 * The proofreading engine's contract. Text is checked one block (paragraph, heading, list item,
 * caption …) at a time: a finding names its block and the UTF-16 offsets inside that block's
 * text, so the editor can underline it and the command line can turn it into line and column.
 * Checking block by block is also what makes re-checking after one edit cheap.
 */

export type ToneStyle = 'old' | 'new';

export type Severity = 'error' | 'warning' | 'suggestion';

export const PROOF_RULES = [
  'spacing.double',
  'spacing.beforePunctuation',
  'spacing.afterOpening',
  'spacing.missingAfterPunctuation',
  'spacing.gluedWords',
  'spacing.dashOneSide',
  'paragraph.lostBreak',
  'punctuation.unbalanced',
  'punctuation.ellipsis',
  'punctuation.rangeDash',
  'words.repeated',
  'spelling.unknown',
  'spelling.known',
  'tone.style',
  'tone.mixed',
  'unicode.notNfc',
  'unicode.legacyFont',
  'capitalization.term',
  'abbreviation.undefined',
] as const;

export type ProofRule = (typeof PROOF_RULES)[number];

export interface Finding {
  block: number;
  /** UTF-16 offsets into the block's text, end exclusive. */
  start: number;
  end: number;
  rule: ProofRule;
  severity: Severity;
  /** Vietnamese, says what is wrong. */
  message: string;
  /** Replacement for text[start, end) when a one-click fix exists. */
  fix?: string;
}

export interface ProofOptions {
  /** The office's tone-mark style; null means "no house style": no tone findings but mixing. */
  toneStyle: ToneStyle | null;
  /** Extra words the office accepts (place names, units, abbreviations), as written. */
  lexicon: readonly string[];
  /** Rules switched off. */
  disabledRules?: readonly ProofRule[];
  /** Abbreviations the office lets stand without a spelling-out (the house style's press list). */
  abbreviations?: readonly string[];
}
