import { $isLinkNode } from '@lexical/link';
import { $isListNode, ListNode } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $getNearestNodeOfType } from '@lexical/utils';
import {
  $createParagraphNode,
  $findMatchingParent,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isRootOrShadowRoot,
  type ElementFormatType,
  type LexicalEditor,
} from 'lexical';

export type BlockType = 'paragraph' | 'h2' | 'h3' | 'h4' | 'bullet' | 'number' | 'quote' | 'other';
export type SettableBlock = 'paragraph' | 'h2' | 'h3' | 'h4' | 'quote';
export type Align = 'left' | 'center' | 'right' | 'justify';

export interface Formats {
  block: BlockType;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strikethrough: boolean;
  link: boolean;
  align: Align;
}

export const INITIAL_FORMATS: Formats = {
  block: 'paragraph',
  bold: false,
  italic: false,
  underline: false,
  strikethrough: false,
  link: false,
  align: 'left',
};

export function sameFormats(a: Formats, b: Formats): boolean {
  return (Object.keys(a) as (keyof Formats)[]).every((key) => a[key] === b[key]);
}

function alignOf(format: ElementFormatType): Align {
  return format === 'center' || format === 'right' || format === 'justify' ? format : 'left';
}

/** The formats at the caret; call inside editor.read/update. */
export function $currentFormats(): Formats {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return INITIAL_FORMATS;
  const anchor = selection.anchor.getNode();
  const topLevel =
    anchor.getKey() === 'root'
      ? anchor
      : ($findMatchingParent(anchor, (node) => {
          const parent = node.getParent();
          return parent !== null && $isRootOrShadowRoot(parent);
        }) ?? anchor.getTopLevelElementOrThrow());
  let block: BlockType = 'other';
  if ($isListNode(topLevel)) {
    const list = $getNearestNodeOfType(anchor, ListNode) ?? topLevel;
    block = list.getListType() === 'number' ? 'number' : 'bullet';
  } else if ($isHeadingNode(topLevel)) {
    const tag = topLevel.getTag();
    block = tag === 'h2' || tag === 'h3' || tag === 'h4' ? tag : 'other';
  } else if ($isQuoteNode(topLevel)) {
    block = 'quote';
  } else if (topLevel.getType() === 'paragraph') {
    block = 'paragraph';
  }
  const element = $isElementNode(anchor) ? anchor : anchor.getParent();
  const blockElement = $findMatchingParent(anchor, (node) => $isElementNode(node) && !node.isInline());
  return {
    block,
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    underline: selection.hasFormat('underline'),
    strikethrough: selection.hasFormat('strikethrough'),
    link: $findMatchingParent(element ?? anchor, $isLinkNode) !== null || $isLinkNode(element),
    align: $isElementNode(blockElement) ? alignOf(blockElement.getFormatType()) : 'left',
  };
}

export function setBlock(editor: LexicalEditor, block: SettableBlock): void {
  editor.update(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    $setBlocksType(selection, () =>
      block === 'paragraph'
        ? $createParagraphNode()
        : block === 'quote'
          ? $createQuoteNode()
          : $createHeadingNode(block),
    );
  });
}
