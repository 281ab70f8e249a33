/**
 * paragraph.lostBreak. Text copied from the portal or a PDF often loses paragraph breaks: the
 * sample article has a sentence end followed by a dozen spaces and no-break spaces, then the next
 * paragraph. Three or more spaces after a sentence end before a capital is taken as such a break
 * (two are a double space). A line break inside a block is reported too: after a sentence end it
 * should be a new paragraph, mid-sentence it is a wrapped line to join. The fix for a lost break
 * is "\n", which the editor applies as "split the block here"; joining has the fix " ".
 */
import type { BlockInput, Hit } from './rule';

export const LOST_BREAK_MIN = 3;

const SPACES = new RegExp(
  `(?<=[.!?…]["”’)\\]]*)[ \\t\\u00a0\\u2000-\\u200a\\u202f\\u205f\\u3000]{${LOST_BREAK_MIN},}(?=\\p{Lu})`,
  'gu',
);
const LINE_BREAK = /[ \t]*[\n\u2028][ \t\u00a0]*/g;

export function paragraph(input: BlockInput): Hit[] {
  const { text } = input;
  const hits: Hit[] = [];
  for (const m of text.matchAll(SPACES)) {
    hits.push({
      start: m.index,
      end: m.index + m[0].length,
      rule: 'paragraph.lostBreak',
      severity: 'warning',
      message: 'Một dãy dấu cách giữa hai câu: có lẽ ở đây là chỗ xuống đoạn bị mất. Tách thành đoạn mới.',
      fix: '\n',
    });
  }
  for (const m of text.matchAll(LINE_BREAK)) {
    const end = m.index + m[0].length;
    if (m.index === 0 || end === text.length) continue;
    const sentenceEnd = /[.!?…:]["”’)\]]*$/.test(text.slice(0, m.index));
    hits.push({
      start: m.index,
      end,
      rule: 'paragraph.lostBreak',
      severity: 'suggestion',
      message: sentenceEnd
        ? 'Dấu xuống dòng nằm trong đoạn văn. Nếu đây là đoạn mới, hãy tách thành đoạn riêng.'
        : 'Dấu xuống dòng giữa câu, thường do sao chép từ PDF. Nối lại bằng một dấu cách.',
      fix: sentenceEnd ? '\n' : ' ',
    });
  }
  return hits;
}
