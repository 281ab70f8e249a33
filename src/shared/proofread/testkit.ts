/** Helpers for the proofreading tests: run the real engine and keep one rule's findings. */
import { proofread } from './engine';
import type { Finding, ProofOptions, ProofRule } from './types';

export const NO_STYLE: ProofOptions = { toneStyle: null, lexicon: [] };

export function findings(
  rule: ProofRule,
  blocks: string | readonly string[],
  options: Partial<ProofOptions> = {},
): Finding[] {
  const list = typeof blocks === 'string' ? [blocks] : blocks;
  return proofread(list, { ...NO_STYLE, ...options }).filter((f) => f.rule === rule);
}

/** The text each finding covers, with its fix: `["quốcvào", "quốc vào"]`. */
export function spans(rule: ProofRule, blocks: string | readonly string[], options: Partial<ProofOptions> = {}) {
  const list = typeof blocks === 'string' ? [blocks] : blocks;
  return findings(rule, list, options).map((f) => [list[f.block]!.slice(f.start, f.end), f.fix] as const);
}

/** Applies every fix of one rule, last first so earlier offsets stay valid. */
export { applyFixes } from './fix';
