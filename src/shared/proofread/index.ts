export { createProofreader, proofread, type Proofreader } from './engine';
export { convertToneStyle } from './toneStyle';
export { DEFAULT_LEXICON } from './lexicon';
export { isSyllable } from './syllable';
export * from './types';
