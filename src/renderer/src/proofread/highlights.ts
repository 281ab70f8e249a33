import type { LexicalEditor } from 'lexical';
import type { Severity } from '../../../shared/proofread/types';
import { pointAt, type ProofBlock } from './blocks';

/** The highlight names the stylesheet underlines (proofread.css), one per severity. */
export const HIGHLIGHT_NAMES: Record<Severity, string> = {
  error: 'proof-error',
  warning: 'proof-warning',
  suggestion: 'proof-suggestion',
};

/** The DOM text node that holds a Lexical text node's characters. */
function domText(editor: LexicalEditor, key: string): Text | null {
  const element = editor.getElementByKey(key);
  if (!element) return null;
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  return walker.nextNode() as Text | null;
}

/**
 * A DOM range over block text [start, end), for underlining or scrolling to; null when the text is
 * not on screen as text nodes (a stretch that is only a line break) or the DOM is behind the state.
 */
export function domRange(editor: LexicalEditor, block: ProofBlock, start: number, end: number): Range | null {
  const from = pointAt(block, start, false);
  const to = end > start ? pointAt(block, end, true) : from;
  if (!from || !to) return null;
  const startNode = domText(editor, from.key);
  const endNode = from.key === to.key ? startNode : domText(editor, to.key);
  if (!startNode || !endNode || from.offset > startNode.length || to.offset > endNode.length) return null;
  const range = document.createRange();
  range.setStart(startNode, from.offset);
  range.setEnd(endNode, to.offset);
  return range;
}

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
}

/**
 * Underlines ranges without touching the editor's state or DOM: the CSS Custom Highlight API
 * paints over the text nodes, so typing, undo and saving never see the underlines.
 */
export function paintHighlights(ranges: { severity: Severity; range: Range }[]): void {
  if (!highlightsSupported()) return;
  for (const [severity, name] of Object.entries(HIGHLIGHT_NAMES) as [Severity, string][]) {
    const mine = ranges.filter((item) => item.severity === severity).map((item) => item.range);
    if (mine.length === 0) CSS.highlights.delete(name);
    else CSS.highlights.set(name, new Highlight(...mine));
  }
}

export function clearHighlights(): void {
  if (!highlightsSupported()) return;
  for (const name of Object.values(HIGHLIGHT_NAMES)) CSS.highlights.delete(name);
}
