/**
 * Applying fixes: every finding that carries one, right to left within its block so earlier
 * offsets stay true. A fix of "\n" splits its block (the lost paragraph break).
 */
import { proofread } from './engine';
import type { Finding, ProofOptions } from './types';

export function applyFixes(text: string, list: readonly Finding[]): string {
  let out = text;
  let from = Infinity;
  for (const f of [...list].sort((a, b) => b.start - a.start || b.end - a.end)) {
    // Two findings over the same letters: the one further right went first; the other waits a pass.
    if (f.fix === undefined || f.end > from) continue;
    out = out.slice(0, f.start) + f.fix + out.slice(f.end);
    from = f.start;
  }
  return out;
}

/** At most this many passes: each fix only removes faults, so real text settles in two or three. */
const MAX_PASSES = 8;

/**
 * The blocks with every fix applied, again and again until proofreading them finds nothing a fix
 * could resolve (a fix can uncover another: a glued pair split shows a word's own fault).
 */
export function fixAll(blocks: readonly string[], options: ProofOptions): string[] {
  let current = [...blocks];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const fixable = proofread(current, options).filter((f) => f.fix !== undefined);
    if (fixable.length === 0) break;
    current = current.flatMap((text, block) =>
      applyFixes(
        text,
        fixable.filter((f) => f.block === block),
      ).split('\n'),
    );
  }
  return current;
}
