/** A stretch of the body's plain text, as the core counts it: one line per block, joined by "\n". */
export interface TextRange {
  start: number;
  end: number;
  quote: string;
}

/** How much text on either side of a quote goes into its anchor, to tell repeated phrases apart. */
const CONTEXT_CHARS = 32;

const BLOCK_SELECTOR = 'p, h1, h2, h3, h4, h5, h6, blockquote, li';

/** The innermost blocks, in document order: a list item that holds a nested list is not one. */
function leafBlocks(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(BLOCK_SELECTOR)).filter(
    (block) => block.querySelector(BLOCK_SELECTOR) === null,
  );
}

function offsetIn(block: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(block);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * Reads the browser's selection inside the editor's root element and turns it into offsets in the
 * body's plain text, so a comment can be anchored without reaching into the editor's internals.
 */
export function selectedTextRange(root: HTMLElement, selection: Selection | null): TextRange | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const blocks = leafBlocks(root);
  let position = 0;
  let start: number | null = null;
  let end: number | null = null;
  const text: string[] = [];
  for (const block of blocks) {
    const content = block.textContent ?? '';
    if (start === null && block.contains(range.startContainer)) {
      start = position + offsetIn(block, range.startContainer, range.startOffset);
    }
    if (end === null && block.contains(range.endContainer)) {
      end = position + offsetIn(block, range.endContainer, range.endOffset);
    }
    text.push(content);
    position += content.length + 1;
  }
  if (start === null || end === null || end <= start) return null;
  const quote = text.join('\n').slice(start, end);
  if (!quote.trim()) return null;
  return { start, end, quote };
}

/** A text-quote anchor for the selected range: the words themselves and a little on either side. */
export function anchorFor(root: HTMLElement, range: TextRange): { exact: string; prefix: string; suffix: string } {
  const text = bodyText(root);
  return {
    exact: range.quote,
    prefix: text.slice(Math.max(0, range.start - CONTEXT_CHARS), range.start),
    suffix: text.slice(range.end, range.end + CONTEXT_CHARS),
  };
}

/** The body's plain text as the DOM shows it, one line per block. */
export function bodyText(root: HTMLElement): string {
  return leafBlocks(root)
    .map((block) => block.textContent ?? '')
    .join('\n');
}

function pointAt(block: HTMLElement, offset: number): { node: Node; offset: number } {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let left = offset;
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (left <= node.data.length) return { node, offset: left };
    left -= node.data.length;
    last = node;
  }
  return last ? { node: last, offset: last.data.length } : { node: block, offset: 0 };
}

/** Selects body text by plain-text offsets (the core's position of a comment), and scrolls it into view. */
export function selectByOffsets(root: HTMLElement, start: number, end: number): boolean {
  let position = 0;
  let from: { node: Node; offset: number } | null = null;
  let to: { node: Node; offset: number } | null = null;
  for (const block of leafBlocks(root)) {
    const length = (block.textContent ?? '').length;
    if (!from && start <= position + length) from = pointAt(block, start - position);
    if (!to && end <= position + length) to = pointAt(block, end - position);
    position += length + 1;
  }
  const selection = window.getSelection();
  if (!from || !to || !selection) return false;
  const range = document.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  selection.removeAllRanges();
  selection.addRange(range);
  (from.node.parentElement ?? root).scrollIntoView({ block: 'center', behavior: 'smooth' });
  return true;
}
