import { createProofreader } from '../../shared/proofread';
import type { Finding, ProofOptions } from '../../shared/proofread/types';
import type { CoreContext } from '../context';
import { editorStateBlocks } from './blocks';
import { listIgnores, withoutIgnored } from './ignores';
import { lexiconWords } from './lexicon';
import { readHouseStyle } from './settings';

type Proofreader = ReturnType<typeof createProofreader>;

/**
 * Proofreaders by article and options. Each keeps its findings per block text of the last check,
 * so the panel's re-check after a pause in typing only checks the blocks that changed; a change of
 * house style or lexicon starts a fresh one. The few most recently used are kept.
 */
const proofreaders = new Map<string, Proofreader>();
const KEEP = 8;

function proofreaderFor(articleId: string, options: ProofOptions): Proofreader {
  const key = JSON.stringify([articleId, options]);
  let found = proofreaders.get(key);
  if (found) {
    proofreaders.delete(key);
  } else {
    found = createProofreader(options);
    if (proofreaders.size >= KEEP) proofreaders.delete(proofreaders.keys().next().value!);
  }
  proofreaders.set(key, found);
  return found;
}

/** The options the office has set: house tone style, its lexicon, the rules it switched off, its press abbreviations. */
export function officeOptions(ctx: CoreContext): ProofOptions {
  const style = readHouseStyle(ctx);
  return {
    toneStyle: style.toneStyle,
    lexicon: lexiconWords(ctx).sort(),
    disabledRules: [...style.disabledRules].sort(),
    abbreviations: [...style.pressAbbreviations].sort(),
  };
}

/** Findings for an article's blocks (the stored body's when none are given), without the ignored ones. */
export function checkBlocks(ctx: CoreContext, articleId: string, blocks: readonly string[]): Finding[] {
  const findings = proofreaderFor(articleId, officeOptions(ctx)).check(blocks);
  return withoutIgnored(findings, blocks, listIgnores(ctx, articleId));
}

export function checkStoredBody(ctx: CoreContext, articleId: string, body: Parameters<typeof editorStateBlocks>[0]) {
  return checkBlocks(ctx, articleId, editorStateBlocks(body));
}
