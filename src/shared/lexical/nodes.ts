import { HorizontalRuleNode } from '@lexical/extension';
import { LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import type { Klass, LexicalNode } from 'lexical';
import { ImageNode } from './imageNode';

/**
 * The node classes from Lexical's packages that an article may hold, beyond Lexical's built-ins
 * (root, paragraph, text, linebreak, tab). The editor and every headless reader register these
 * same classes, so a type means one class and one JSON everywhere.
 */
export const PACKAGE_NODES: readonly Klass<LexicalNode>[] = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  HorizontalRuleNode,
  TableNode,
  TableRowNode,
  TableCellNode,
];

/**
 * Every node class an article editor registers. `image` is the one image class of that editor:
 * the shared ImageNode for a headless reader, or a subclass that adds a view or an HTML export.
 */
export function articleNodes(image: Klass<ImageNode> = ImageNode): readonly Klass<LexicalNode>[] {
  return [...PACKAGE_NODES, image];
}
