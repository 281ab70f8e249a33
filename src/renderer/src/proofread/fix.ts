import {
  $createRangeSelection,
  $getNodeByKey,
  $getRoot,
  $isElementNode,
  $isTextNode,
  $setSelection,
  type LexicalNode,
  type TextNode,
} from 'lexical';
import { convertToneStyle } from '../../../shared/proofread';
import type { ToneStyle } from '../../../shared/proofread/types';
import { $proofBlock, pointAt } from './blocks';

/** A finding pinned to the block it was found in, with the text it covered then. */
export interface PinnedFinding {
  blockKey: string;
  start: number;
  end: number;
  /** The block's text[start, end) when the finding was made. */
  text: string;
  fix?: string;
}

/**
 * Replaces the finding's text with its fix; false when the text is no longer what was checked
 * (the writer changed it since), so the caller re-checks instead of replacing the wrong words.
 * Inside one text node the node's own text is spliced, keeping its format and the caret; across
 * format runs a selection over the stretch takes the replacement, in the format of where it starts.
 */
export function $applyFix(finding: PinnedFinding): boolean {
  if (finding.fix === undefined) return false;
  const block = $proofBlock(finding.blockKey);
  if (!block || block.text.slice(finding.start, finding.end) !== finding.text) return false;
  const from = pointAt(block, finding.start, false);
  const to = finding.end > finding.start ? pointAt(block, finding.end, true) : from;
  if (!from || !to) return false;
  const first = $getNodeByKey<TextNode>(from.key);
  if (!$isTextNode(first)) return false;
  const select = () => {
    const selection = $createRangeSelection();
    selection.anchor.set(from.key, from.offset, 'text');
    selection.focus.set(to.key, to.offset, 'text');
    $setSelection(selection);
    return selection;
  };
  // A lost paragraph break is fixed with "\n": the block is split there, not given a newline character.
  if (finding.fix === '\n') {
    const selection = select();
    selection.removeText();
    selection.insertParagraph();
    return true;
  }
  if (from.key === to.key) {
    first.spliceText(from.offset, to.offset - from.offset, finding.fix, false);
    if (first.getTextContentSize() === 0) first.remove();
    return true;
  }
  select().insertText(finding.fix);
  return true;
}

/** Selects the finding's text in the editor; false when the text changed since it was checked. */
export function $selectFinding(finding: PinnedFinding): boolean {
  const block = $proofBlock(finding.blockKey);
  if (!block || block.text.slice(finding.start, finding.end) !== finding.text) return false;
  const from = pointAt(block, finding.start, false);
  const to = finding.end > finding.start ? pointAt(block, finding.end, true) : from;
  if (!from || !to) return false;
  const selection = $createRangeSelection();
  selection.anchor.set(from.key, from.offset, 'text');
  selection.focus.set(to.key, to.offset, 'text');
  $setSelection(selection);
  return true;
}

/** Fix classes safe to apply all at once: spacing, punctuation marks, Unicode form and tone style. */
export const FIX_ALL_RULES: ReadonlySet<string> = new Set([
  'spacing.double',
  'spacing.beforePunctuation',
  'spacing.afterOpening',
  'spacing.missingAfterPunctuation',
  'spacing.dashOneSide',
  'punctuation.ellipsis',
  'punctuation.rangeDash',
  'unicode.notNfc',
  'tone.style',
  'tone.mixed',
]);

/**
 * Applies each finding's fix, last in the text first so the earlier ones' offsets still hold.
 * Returns how many went in.
 */
export function $applyFixes(findings: readonly (PinnedFinding & { blockIndex: number })[]): number {
  const order = [...findings].sort((a, b) => b.blockIndex - a.blockIndex || b.start - a.start);
  let applied = 0;
  let previous: { blockKey: string; start: number } | null = null;
  for (const finding of order) {
    // Overlapping findings: the later one went in, the earlier waits for the next check.
    if (previous && previous.blockKey === finding.blockKey && finding.end > previous.start) continue;
    if ($applyFix(finding)) {
      applied++;
      previous = finding;
    }
  }
  return applied;
}

/**
 * Rewrites every text node in the new or old tone-mark style, node by node so bold, italic and
 * links stay as they were. Run inside one editor.update: the whole change is one undo step.
 * Returns how many text nodes changed.
 */
export function $convertTones(to: ToneStyle): number {
  let changed = 0;
  const visit = (node: LexicalNode) => {
    if ($isTextNode(node)) {
      const text = node.getTextContent();
      const next = convertToneStyle(text, to);
      if (next !== text) {
        node.setTextContent(next);
        changed += 1;
      }
    } else if ($isElementNode(node)) {
      for (const child of node.getChildren()) visit(child);
    }
  };
  visit($getRoot());
  return changed;
}
