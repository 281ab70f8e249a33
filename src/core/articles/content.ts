import type { EditorState } from '../../shared/domain';
import { countWords, nfc } from '../../shared/text';
import { editorStateBlocks, normalizeEditorState } from './editorState';
import type { ArticleContent } from './repo';

/** Word counts of blocks seen lately: an autosave resends every paragraph and changes one or two. */
const blockCounts = new Map<string, number>();

/**
 * `countWords` of the blocks joined by line breaks, a block at a time (no word spans a line
 * break), remembering each block's count so the paragraphs an autosave did not change are not
 * counted again. The keys are the blocks' own strings (for a paragraph of one text node, the
 * string the editor sent), never pieces cut from a larger text that they would keep alive.
 */
function countWordsByBlock(blocks: readonly string[]): number {
  let total = 0;
  for (const block of blocks) {
    let count = blockCounts.get(block);
    if (count === undefined) {
      count = countWords(block);
      if (blockCounts.size >= 20_000) blockCounts.clear();
      blockCounts.set(block, count);
    }
    total += count;
  }
  return total;
}

/** Turns what an editor sent into what is stored: NFC everywhere, text derived from the state. */
export function prepareContent(title: string, summary: string, body: EditorState): ArticleContent {
  const normalized = normalizeEditorState(body);
  const blocks = editorStateBlocks(normalized);
  return {
    title: nfc(title),
    summary: nfc(summary),
    bodyJson: JSON.stringify(normalized),
    bodyText: blocks.join('\n'),
    wordCount: countWordsByBlock(blocks),
  };
}
