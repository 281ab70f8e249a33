export { createProofreader, proofread, type Proofreader } from './engine';
export { convertToneStyle } from './toneStyle';
export { applyFixes, fixAll } from './fix';
export { PRESS_ABBREVIATIONS } from './rules/abbreviation';
export { DEFAULT_LEXICON } from './lexicon';
export { isSyllable } from './syllable';
export * from './types';
