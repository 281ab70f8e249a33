import type { Finding, ProofRule, ToneStyle } from '../types';
import type { Word } from '../words';

/** A finding before it knows which block it belongs to: block results are cached by text alone. */
export type Hit = Omit<Finding, 'block'>;

export interface Settings {
  toneStyle: ToneStyle | null;
  /** Accepted words, lower-case NFC. */
  lexicon: ReadonlySet<string>;
  /** Abbreviations the office added itself; they need no spelling-out. */
  officeAbbreviations: ReadonlySet<string>;
  enabled: (rule: ProofRule) => boolean;
}

export interface BlockInput {
  text: string;
  words: readonly Word[];
  /** The text in new tone style for phrase lists (see phrase.ts), null when not NFC. */
  probe: string | null;
  settings: Settings;
}
