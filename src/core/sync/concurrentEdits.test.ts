import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { storedBySharedNodes } from '../../shared/lexical/samples';
import type { EditorNode, EditorState } from '../../shared/domain';
import { canonicalHashOfDoc, contentDocFromArticle } from './contentDoc';
import { SEED as ARTICLE, articleWith, block, bodyOf, paragraph, text } from './fixtures';
import { HeadlessReplica } from './testReplica';

// Two workstations, one edit each while apart, then they meet: the cases where Lexical's
// collaboration binding (v2) lost or doubled what a writer meant, found by the convergence fuzz
// and the reason the office's documents hold a flow (src/shared/collab/flow.ts). Each case must
// converge and keep exactly what both writers meant.

function seedOf(children: EditorNode[]): Uint8Array {
  const body = storedBySharedNodes(bodyOf(children)) as unknown as EditorState;
  return Y.encodeStateAsUpdate(contentDocFromArticle(articleWith(body)));
}

const lineBreak: EditorNode = { type: 'linebreak', version: 1 };

// Each seed has eight word edges: 0, 3, 4, 7 in "aaa bbb" and in "ccc ddd"; 0, 5, 6, 9 in
// "Trích dẫn" and 0, 4, 5, 8 in "dòng hai".
/** Two paragraphs, "aaa bbb" and "ccc ddd". */
const SEED = seedOf([paragraph([text('aaa bbb')]), paragraph([text('ccc ddd')])]);
/** One paragraph of two lines (Shift+Enter): "Trích dẫn", "dòng hai". */
const TWO_LINES = seedOf([paragraph([text('Trích dẫn'), lineBreak, text('dòng hai')])]);
/** "Xem " and a link "trang lễ hội"; its last word edge, 0.99 along, is the end of the link text. */
const LINK = seedOf([
  paragraph([
    text('Xem '),
    block('link', [text('trang lễ hội')], { url: 'https://festivalhue.vn/', rel: null, target: null, title: null }),
  ]),
]);
/** The same two lines as a quote. */
const QUOTE = seedOf([block('quote', [text('Trích dẫn'), lineBreak, text('dòng hai')])]);

/** The `index`th of the seed's eight word edges, as a fraction the replica's edits take. */
const edge = (index: number) => (index + 0.5) / 8;

/** Two replicas edit apart, then exchange everything: whether they agree, and the text of the first. */
function meet(
  first: (replica: HeadlessReplica) => void,
  second: (replica: HeadlessReplica) => void,
  seed = SEED,
): { converged: boolean; text: string } {
  const a = new HeadlessReplica(1, seed);
  const b = new HeadlessReplica(2, seed);
  try {
    first(a);
    second(b);
    for (let round = 0; round < 3; round++) {
      const fromA = a.outbox.splice(0);
      const fromB = b.outbox.splice(0);
      for (const update of fromB) a.receive(update);
      for (const update of fromA) b.receive(update);
    }
    const converged =
      JSON.stringify(a.editorBody()) === JSON.stringify(b.editorBody()) &&
      canonicalHashOfDoc(a.doc) === canonicalHashOfDoc(b.doc);
    return { converged, text: a.text() };
  } finally {
    a.dispose();
    b.dispose();
  }
}

/** The text both replicas agree on; fails if they do not agree. */
function apart(first: (replica: HeadlessReplica) => void, second: (replica: HeadlessReplica) => void): string {
  const { converged, text } = meet(first, second);
  expect(converged).toBe(true);
  return text;
}

type Edit = (replica: HeadlessReplica) => void;

/** Cases binding v2 lost or doubled an edit in (`v2` says how), each with what must be kept. */
const CASES: { name: string; v2: string; seed?: Uint8Array; a: Edit; b: Edit; keeps: (text: string) => void }[] = [
  {
    // b deletes "bbb¶ccc", joining the paragraphs; a types after "ddd", outside that range.
    name: 'keeps a word typed after the end of a deleted range that joined two paragraphs',
    v2: 'the binding deletes the second paragraph element and writes a copy of its rest into the first; the word goes with the element',
    a: (a) => a.insertText(edge(7), 'w1x'),
    b: (b) => b.deleteRange(edge(2), edge(5)),
    keeps: (text) => expect(text).toContain('w1x'),
  },
  {
    // a types after "ddd" while b presses Enter after "ccc".
    name: 'keeps a word typed at the end of a paragraph at its end when the paragraph is split',
    v2: 'the split deletes the tail and writes a copy into a new paragraph; the word stays behind, before " ddd"',
    a: (a) => a.insertText(edge(7), 'w1x'),
    b: (b) => b.splitParagraph(edge(5)),
    keeps: (text) => expect(text).toBe('aaa bbb\n\nccc\n\n ddd w1x '),
  },
  {
    name: 'keeps each word once when a paragraph is split at two places at once',
    v2: 'each split copies the tail it cuts off, so "bbb" ends up twice',
    a: (a) => a.splitParagraph(edge(1)),
    b: (b) => b.splitParagraph(edge(2)),
    keeps: (text) => expect(text.match(/bbb/g)).toHaveLength(1),
  },
  {
    // a presses Enter after "aaa" while b deletes "bbb".
    name: 'leaves a deleted word deleted when its paragraph was split before it meanwhile',
    v2: 'the deletion removes the original letters; the copy the split made brings "bbb" back',
    a: (a) => a.splitParagraph(edge(1)),
    b: (b) => b.deleteRange(edge(2), edge(3)),
    keeps: (text) => expect(text).not.toContain('bbb'),
  },
  {
    // Both type at the end of the paragraph, after the link: each makes a new text run there.
    name: 'keeps each of two words typed after a link at the end of a paragraph once',
    v2: 'each replica, on receiving the other’s run, merges the two runs and writes the merge back as a copy',
    seed: LINK,
    a: (a) => a.insertText(0.99, 'w1x'),
    b: (b) => b.insertText(0.99, 'w2x'),
    keeps: (text) => expect(text.match(/w1x|w2x/g)?.sort()).toEqual(['w1x', 'w2x']),
  },
  {
    // Both press Backspace at the start of "ccc ddd" (delete the paragraph break), joining the
    // paragraphs: the most ordinary fix two editors can make to the same stray break.
    name: 'joins two paragraphs once when both replicas join them',
    v2: 'each join deletes the second paragraph and writes its own copy of its text into the first',
    a: (a) => a.deleteRange(edge(3), edge(4)),
    b: (b) => b.deleteRange(edge(3), edge(4)),
    keeps: (text) => expect(text).toBe('aaa bbbccc ddd'),
  },
  {
    // a types at the end of the second line while b presses Enter at that line's start.
    name: 'keeps a word typed on the second line of a paragraph when Enter splits it at the line break',
    v2: 'the split removes the text run of the second line and writes a copy; the word goes with the run',
    seed: TWO_LINES,
    a: (a) => a.insertText(edge(7), 'w1x'),
    b: (b) => b.splitParagraph(edge(4)),
    keeps: (text) => expect(text).toContain('w1x'),
  },
  {
    // a types after "Trích" while b presses Enter at the start of the quote.
    name: 'keeps a word typed in a quote of two lines when Enter is pressed at its start',
    v2: 'the quote’s text runs are removed and written again; everything typed meanwhile in it is lost',
    seed: QUOTE,
    a: (a) => a.insertText(edge(1), 'w1x'),
    b: (b) => b.splitParagraph(edge(0)),
    keeps: (text) => expect(text).toContain('w1x'),
  },
];

describe('two replicas edited apart', () => {
  it('keeps both words typed at one place (version 1 lost both: facebook/lexical#5693)', () => {
    const merged = apart(
      (a) => a.insertText(edge(1), 'w1x'),
      (b) => b.insertText(edge(1), 'w2x'),
    );
    expect(['aaa w1x  w2x  bbb\n\nccc ddd', 'aaa w2x  w1x  bbb\n\nccc ddd']).toContain(merged);
  });

  it('keeps a word typed inside a range made bold meanwhile', () => {
    const merged = apart(
      (a) => a.insertText(edge(2), 'w1x'),
      (b) => b.toggleFormat(edge(0), edge(3), 'bold'),
    );
    expect(merged).toBe('aaa  w1x bbb\n\nccc ddd');
  });

  it('keeps a word typed before a paragraph split elsewhere in it', () => {
    const merged = apart(
      (a) => a.insertText(edge(4), 'w1x'),
      (b) => b.splitParagraph(edge(6)),
    );
    expect(merged).toBe('aaa bbb\n\n w1x ccc \n\nddd');
  });

  for (const { name, v2, seed, a, b, keeps } of CASES) {
    it(`${name} (binding v2: ${v2})`, () => {
      const { converged, text } = meet(a, b, seed);
      expect(converged).toBe(true);
      keeps(text);
    });
  }
});

describe('a word typed before a word that begins with the same letters', () => {
  /**
   * After a typed " w0x " after "aaa" and b received it, b types " w1x " right after "aaa" (before
   * " w0x") while a deletes " w0x ". Binding v2 wrote b's text as "1x  w" after the " w" of the old
   * word (its diff stops at the first differing letter), and a's deletion then took the " w". The
   * flow binding writes the difference where the caret is.
   */
  function typedBeforeLookalike(): { a: HeadlessReplica; b: HeadlessReplica } {
    const a = new HeadlessReplica(1, SEED);
    const b = new HeadlessReplica(2, SEED);
    a.insertText(edge(1), 'w0x');
    for (const update of a.outbox.splice(0)) b.receive(update);
    // b's word edges now: 0, 3, 4, 7, 8, 9, 12 in "aaa w0x  bbb" and 0, 3, 4, 7 in "ccc ddd".
    b.insertText(1.5 / 11, 'w1x');
    a.deleteRange(1.5 / 11, 4.5 / 11);
    for (const update of b.outbox.splice(0)) a.receive(update);
    for (const update of a.outbox.splice(0)) b.receive(update);
    return { a, b };
  }

  it('converges and keeps the typed word whole (binding v2: "aaa1x  w bbb")', () => {
    const { a, b } = typedBeforeLookalike();
    try {
      expect(a.editorBody()).toEqual(b.editorBody());
      expect(canonicalHashOfDoc(a.doc)).toBe(canonicalHashOfDoc(b.doc));
      expect(b.misplaced).toEqual([]);
      expect(a.text()).toContain('w1x');
      expect(a.text()).not.toContain('w0x');
    } finally {
      a.dispose();
      b.dispose();
    }
  });
});

describe('a list emptied by two deletions apart (found by the convergence fuzz)', () => {
  /**
   * On the fuzz's seed article, a deletes inside the bullet list, joining its two items, while b
   * deletes from the top of the article into the first item. Together they delete both items.
   * With binding v2 the document kept an empty list that no editor showed, and a later change
   * reaching it made the binding throw. In a flow a list is only the blocks that name it.
   */
  function emptiedList(): { a: HeadlessReplica; b: HeadlessReplica } {
    const a = new HeadlessReplica(1, ARTICLE);
    const b = new HeadlessReplica(2, ARTICLE);
    a.deleteRange(0.5754, 0.5821);
    b.deleteRange(0, 0.5672);
    const fromA = a.outbox.splice(0);
    const fromB = b.outbox.splice(0);
    for (const update of fromB) a.receive(update);
    for (const update of fromA) b.receive(update);
    return { a, b };
  }

  it('leaves both editors alike and both documents alike', () => {
    const { a, b } = emptiedList();
    try {
      expect(a.editorBody()).toEqual(b.editorBody());
      expect(a.derived()).toEqual(b.derived());
      expect(canonicalHashOfDoc(a.doc)).toBe(canonicalHashOfDoc(b.doc));
      const types = (body: EditorState) => body.root.children.map((node) => node.type);
      expect(types(a.derived().body)).toEqual(types(a.editorBody()));
      // What neither deletion covered stays, in the list item it was in: "Mục" before a's range
      // and "Mục hai" after it, the top of the article gone with b's.
      expect(types(a.editorBody())[0]).toBe('list');
      expect(a.text()).toMatch(/^MụcMục hai\n\nTrích dẫn/);
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('shows in each editor what its document holds', () => {
    const { a, b } = emptiedList();
    try {
      expect(a.editorBody()).toEqual(a.derived().body);
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('applies a later change that reaches the emptied list', () => {
    // p deletes from the top into the list, r deletes inside it, q presses Enter at the top.
    const [p, q, r] = [1, 2, 3].map((clientID) => new HeadlessReplica(clientID, ARTICLE)) as [
      HeadlessReplica,
      HeadlessReplica,
      HeadlessReplica,
    ];
    try {
      p.deleteRange(0, 0.5672);
      r.deleteRange(0.5754, 0.5821);
      q.splitParagraph(0);
      for (const update of [...p.outbox, ...q.outbox]) r.receive(update);
      expect(r.recovered).toEqual([]);
    } finally {
      for (const replica of [p, q, r]) replica.dispose();
    }
  });
});
