import { $isLinkNode, LinkNode } from '@lexical/link';
import { $createHeadingNode, HeadingNode } from '@lexical/rich-text';
import { TableCellNode } from '@lexical/table';
import { defineExtension, mergeRegister, ParagraphNode, TextNode, type LexicalEditor } from 'lexical';
import { isSafeLinkUrl } from '../links/linkUrl';

/** Titles and link targets longer than the core stores are cut, not refused. */
const MAX_ATTRIBUTE = 200;

/**
 * Keeps whatever reaches the editor (paste from Word or the web, drops, hostile HTML) inside
 * what the core stores, so an autosave is never refused for content the reporter cannot see:
 * inline styles (colours, fonts, mso-*) are dropped, links to anything but http, https or
 * mailto become plain text, headings fit H2–H4, table cells lose pasted colours.
 */
export function registerHygiene(editor: LexicalEditor): () => void {
  return mergeRegister(
    editor.registerNodeTransform(TextNode, (node) => {
      if (node.getStyle() !== '') node.setStyle('');
    }),
    editor.registerNodeTransform(ParagraphNode, (node) => {
      if (node.getTextStyle() !== '') node.setTextStyle('');
    }),
    editor.registerNodeTransform(LinkNode, (node) => {
      if (!$isLinkNode(node)) return;
      if (!isSafeLinkUrl(node.getURL())) {
        for (const child of node.getChildren()) node.insertBefore(child);
        node.remove();
        return;
      }
      const title = node.getTitle();
      if (title !== null && title.length > MAX_ATTRIBUTE) node.setTitle(title.slice(0, MAX_ATTRIBUTE));
      if (node.getTarget() !== null) node.setTarget(null);
      if (node.getRel() !== null) node.setRel(null);
    }),
    editor.registerNodeTransform(HeadingNode, (node) => {
      const tag = node.getTag();
      const fitted = tag === 'h1' ? 'h2' : tag === 'h5' || tag === 'h6' ? 'h4' : null;
      if (fitted) node.replace($createHeadingNode(fitted), true);
    }),
    editor.registerNodeTransform(TableCellNode, (node) => {
      if (node.getBackgroundColor() !== null) node.setBackgroundColor(null);
    }),
  );
}

export const HygieneExtension = defineExtension({
  name: '@bientap/hygiene',
  register: (editor) => registerHygiene(editor),
});
