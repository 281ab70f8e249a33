// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { anchorFor, selectByOffsets, selectedTextRange } from './selection';

function body(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  document.body.replaceChildren(root);
  return root;
}

function select(startNode: Node, startOffset: number, endNode: Node, endOffset: number): Selection {
  const selection = window.getSelection();
  if (!selection) throw new Error('no selection');
  const range = document.createRange();
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  selection.removeAllRanges();
  selection.addRange(range);
  return selection;
}

describe('selectedTextRange', () => {
  it('counts offsets in the plain text, one line per block', () => {
    const root = body(
      '<p><span>Huế mùa lễ hội.</span></p><p><span>Đường </span><b>Lê Lợi</b><span> rợp cờ.</span></p>',
    );
    const second = root.querySelectorAll('p')[1];
    const lel = second?.querySelector('b')?.firstChild;
    if (!lel) throw new Error('fixture');
    const range = selectedTextRange(root, select(lel, 0, lel, 6));
    const plain = 'Huế mùa lễ hội.\nĐường Lê Lợi rợp cờ.';
    expect(range).toEqual({ start: plain.indexOf('Lê Lợi'), end: plain.indexOf('Lê Lợi') + 6, quote: 'Lê Lợi' });
  });

  it('spans blocks and ignores a selection outside the body or an empty one', () => {
    const root = body('<ul><li>một</li><li>hai</li></ul>');
    const [a, b] = Array.from(root.querySelectorAll('li'), (li) => li.firstChild as Node);
    if (!a || !b) throw new Error('fixture');
    expect(selectedTextRange(root, select(a, 1, b, 2))).toEqual({ start: 1, end: 6, quote: 'ột\nha' });
    expect(selectedTextRange(root, select(a, 1, a, 1))).toBeNull();
    const outside = document.createElement('p');
    outside.textContent = 'ngoài';
    document.body.append(outside);
    const text = outside.firstChild as Node;
    expect(selectedTextRange(root, select(text, 0, text, 3))).toBeNull();
  });

  it('anchors a quote with the text around it, and selects a range back from offsets', () => {
    const root = body('<p>Huế mùa lễ hội.</p><p>Đường <b>Lê Lợi</b> rợp cờ.</p>');
    const plain = 'Huế mùa lễ hội.\nĐường Lê Lợi rợp cờ.';
    const start = plain.indexOf('Lê Lợi');
    expect(anchorFor(root, { start, end: start + 6, quote: 'Lê Lợi' })).toEqual({
      exact: 'Lê Lợi',
      prefix: 'Huế mùa lễ hội.\nĐường ',
      suffix: ' rợp cờ.',
    });
    root.scrollIntoView = () => undefined;
    Element.prototype.scrollIntoView = () => undefined;
    expect(selectByOffsets(root, start, start + 6)).toBe(true);
    expect(window.getSelection()?.toString()).toBe('Lê Lợi');
    expect(selectedTextRange(root, window.getSelection())).toEqual({ start, end: start + 6, quote: 'Lê Lợi' });
  });
});
