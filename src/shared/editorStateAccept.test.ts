/**
 * `acceptEditorState` and the contract's quick check of an autosave stand in for the schema on the
 * states editors send: they must never take what the schema refuses, must answer what the schema
 * answers when they take it, and must take the ordinary states (or the quick path is dead code).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contract } from './api/contract';
import { EDITOR_NODE_TYPES, LIMITS, acceptEditorState, editorStateInputSchema, type EditorNode } from './domain';
import { hasUnsafeCharacters } from './text';

const HASH = 'a'.repeat(64);

function text(value: string, extra: Record<string, unknown> = {}): EditorNode {
  return { type: 'text', version: 1, text: value, format: 0, detail: 0, mode: 'normal', style: '', ...extra };
}
function block(type: EditorNode['type'], children: EditorNode[], extra: Record<string, unknown> = {}): EditorNode {
  return { type, version: 1, format: '', indent: 0, direction: null, children, ...extra };
}
/** A state whose children may be anything at all: what a hostile client could send. */
function state(children: unknown[], rootExtra: Record<string, unknown> = {}): { root: Record<string, unknown> } {
  return { root: { type: 'root', version: 1, format: '', indent: 0, direction: null, children, ...rootExtra } };
}

/** The schema's verdict and the quick check's must agree wherever the quick check answers. */
function expectAgreement(value: unknown): boolean {
  const accepted = acceptEditorState(value);
  const parsed = editorStateInputSchema.safeParse(value);
  if (accepted !== null) {
    expect(parsed.success, JSON.stringify(value)?.slice(0, 300)).toBe(true);
    expect(accepted).toEqual(parsed.data);
  }
  return accepted !== null;
}

const sample = readFileSync(new URL('../../fixtures/sample-article.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 40);

/** States an editor really sends: paragraphs, headings, nested lists, links, tables, images. */
const ordinary = [
  state([block('paragraph', [])]),
  state(sample.map((line) => block('paragraph', [text(line)], { textFormat: 0, textStyle: '' }))),
  state([
    block('heading', [text('Lễ hội Áo dài')], { tag: 'h2' }),
    block('paragraph', [
      text('Xem '),
      block('link', [text('trang Huế')], { url: 'https://hue.gov.vn/', rel: 'noopener', target: null, title: null }),
      { type: 'linebreak', version: 1 },
      text('dòng hai', { format: 1 }),
      { type: 'tab', version: 1, text: '\t', format: 0, detail: 2, mode: 'normal', style: '' },
    ]),
    block('list', [
      block('listitem', [text('Ý một')], { value: 1 }),
      block('listitem', [block('list', [block('listitem', [text('Ý con')], { value: 1 })], { listType: 'bullet' })], {
        value: 2,
      }),
    ]),
    block('quote', [text('Trích dẫn 😀')]),
    { type: 'horizontalrule', version: 1 },
    block('table', [block('tablerow', [block('tablecell', [block('paragraph', [text('Ô')])], { headerState: 1 })])], {
      colWidths: [120, 0, 10_000],
    }),
    { type: 'image', version: 1, hash: HASH, altText: 'Ảnh', caption: 'Chú thích', credit: 'Ảnh: Tâm An', width: 800 },
  ]),
];

describe('acceptEditorState', () => {
  it('takes the states editors send, as they are, and answers what the schema answers', () => {
    for (const value of ordinary) {
      expect(expectAgreement(value)).toBe(true);
      expect(acceptEditorState(value)).toBe(value);
      expect(
        contract['articles.save'].accept({
          id: crypto.randomUUID(),
          baseVersion: 1,
          title: 'T',
          summary: '',
          body: value,
        }),
      ).toMatchObject({ body: value });
    }
    // Keys beside `root` are dropped, as the schema drops them.
    const extra = { ...ordinary[0]!, selection: null };
    expect(acceptEditorState(extra)).toEqual({ root: extra.root });
    expect(expectAgreement(extra)).toBe(true);
  });

  it('leaves every limit and every refusal to the schema', () => {
    // Its deepest node `levels` below the root: a text in a paragraph in quotes.
    const deep = (levels: number): EditorNode => {
      let node = block('paragraph', [text('x')]);
      for (let i = 2; i < levels; i++) node = block('quote', [node]);
      return node;
    };
    const wide = (count: number): EditorNode[] => Array.from({ length: count }, () => ({ type: 'linebreak' as const }));
    const keys = (count: number): EditorNode => {
      const node: EditorNode = { type: 'linebreak' };
      for (let i = 1; i < count; i++) node[`k${i}`] = i;
      return node;
    };
    const inherited = Object.assign(Object.create({ text: 'kế thừa' }) as object, { type: 'text' });
    const protoKey = JSON.parse('{"type":"text","text":"a","__proto__":"b"}') as EditorNode;
    const cases: [unknown, boolean][] = [
      // At each limit (taken) and one past it (refused or left to the schema).
      [state([deep(LIMITS.depth)]), true],
      [state([deep(LIMITS.depth + 1)]), false],
      [state([block('paragraph', wide(LIMITS.childrenPerNode))]), true],
      [state([block('paragraph', wide(LIMITS.childrenPerNode + 1))]), false],
      [state([keys(LIMITS.keysPerNode)]), true],
      [state([keys(LIMITS.keysPerNode + 1)]), false],
      [state([block('paragraph', [text('ạ'.repeat(LIMITS.text))])]), true],
      [state([block('paragraph', [text('ạ'.repeat(LIMITS.text + 1))])]), false],
      [state([block('paragraph', [text('a'.repeat(LIMITS.text)), text('a'.repeat(LIMITS.text))])]), true],
      [state([block('paragraph', [text('a'.repeat(LIMITS.text)), text('a'.repeat(LIMITS.text)), text('a')])]), false],
      [state([block('paragraph', [text('a', { style: 's'.repeat(200) })])]), true],
      [state([block('paragraph', [text('a', { style: 's'.repeat(201) })])]), false],
      [state([], { note: 'n'.repeat(201) }), false],
      [state([{ type: 'link', url: 'https://x.vn/' + 'a'.repeat(2000 - 13) }]), true],
      [state([{ type: 'link', url: 'https://x.vn/' + 'a'.repeat(2000 - 12) }]), false],
      [state([{ type: 'link', url: 'javascript:alert(1)' }]), false],
      [state([{ type: 'image', hash: HASH, caption: 'c'.repeat(1000), altText: 'a'.repeat(1000) }]), true],
      [state([{ type: 'image', hash: HASH, caption: 'c'.repeat(1001) }]), false],
      [state([{ type: 'image', hash: HASH.toUpperCase() }]), false],
      [state([{ type: 'table', colWidths: Array.from({ length: 100 }, () => 1) }]), true],
      [state([{ type: 'table', colWidths: Array.from({ length: 101 }, () => 1) }]), false],
      [state([{ type: 'table', colWidths: [-1] }]), false],
      [state([{ type: 'table', colWidths: [10_001] }]), false],
      [state([{ type: 'table', colWidths: [NaN] }]), false],
      // Characters no stored text may hold, in every kind of string.
      [state([block('paragraph', [text('a\u0000b')])]), false],
      [state([block('paragraph', [text('a\uD800b')])]), false],
      [state([block('paragraph', [text('a', { style: 'x\u0008' })])]), false],
      [state([{ type: 'image', hash: HASH, altText: 'Ảnh\u0002' }]), false],
      [state([{ type: 'link', url: 'https://x.vn/\u007F' }]), false],
      // Shapes the schema refuses or that it copies differently: all left to it.
      [state([{ type: 'khác' }]), false],
      [state([{ text: 'không có loại' }]), false],
      [state([{ type: 'paragraph', children: null }]), false],
      [state([{ type: 'paragraph', children: {} }]), false],
      // An optional field left undefined is absent to the schema; an attribute left undefined is refused.
      [state([{ type: 'text', text: undefined }]), true],
      [state([{ type: 'text', checked: undefined }]), false],
      [state([{ type: 'text', value: Infinity }]), false],
      [state([{ type: 'text', value: { nested: 1 } }]), false],
      [state([{ type: 'text', value: [1] }]), false],
      [state([inherited]), false],
      [state([protoKey]), false],
      [state(['chuỗi']), false],
      [{ root: { type: 'paragraph', children: [] } }, false],
      [{ root: { type: 'root' } }, false],
      [{ root: [] }, false],
      [{ root: null }, false],
      [{}, false],
      [[], false],
      [null, false],
      [undefined, false],
      ['{"root":{}}', false],
    ];
    for (const [value, taken] of cases) {
      const accepted = expectAgreement(value);
      expect(accepted, JSON.stringify(value)?.slice(0, 200)).toBe(taken);
      if (!taken) expect(acceptEditorState(value)).toBeNull();
    }
  });

  it('never takes a random state the schema refuses', () => {
    const UNSAFE = ['\u0000', '\u0008', '\u000B', '\u007F', '\u0085', '\uFFFE', '\uD800', '\uDFFF'];
    const str = fc.oneof(
      fc.constantFrom('Huế', 'Tổ quốc', '', ' ', '\t', '\r\n', '🎆', 'https://hue.gov.vn', 'mailto:a@b.vn', HASH),
      fc.tuple(fc.constantFrom('Huế', 'a'), fc.constantFrom(...UNSAFE)).map(([a, b]) => a + b),
      fc.string({ maxLength: 8, unit: 'binary' }),
      fc.constantFrom(199, 200, 201, 999, 1000, 1001, 1999, 2000, 2001).map((n) => 'https://' + 'ạ'.repeat(n - 8)),
    );
    const value = fc.oneof(
      { weight: 4, arbitrary: str },
      { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          undefined,
          [],
          {},
          [5],
          [-1],
          Array.from({ length: 101 }, () => 1),
        ),
      },
    );
    const key = fc.constantFrom('type', 'text', 'url', 'hash', 'caption', 'altText', 'colWidths', 'format', 'style');
    const type = fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom(...EDITOR_NODE_TYPES) },
      { weight: 1, arbitrary: fc.constant('khác') },
    );
    const { node } = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc
        .tuple(
          type,
          fc.dictionary(key, value, { maxKeys: 3 }),
          fc.option(fc.array(tie('node'), { maxLength: 3 }), { nil: undefined, freq: 2 }),
        )
        .map(([t, props, children]) => ({ type: t, ...props, ...(children ? { children } : {}) })),
    }));
    const states = fc.oneof(
      {
        weight: 8,
        arbitrary: fc.array(node, { maxLength: 4 }).map((children) => ({ root: { type: 'root', children } })),
      },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    );
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(states, (value) => {
        runs++;
        if (expectAgreement(value)) taken++;
      }),
      { seed: 20260415, numRuns: 3000 },
    );
    // Both sides were reached: states taken quickly and states left to the schema.
    expect(taken).toBeGreaterThan(runs / 20);
    expect(taken).toBeLessThan(runs);
  });

  it('gives an autosave with a bad field to the schema, which words the refusal', () => {
    const save = contract['articles.save'];
    const good = { id: crypto.randomUUID(), baseVersion: 1, title: 'Tiêu đề', summary: '', body: ordinary[1] };
    expect(save.accept(good)).toEqual(save.input.parse(good));
    for (const bad of [
      { ...good, id: 'x' },
      { ...good, baseVersion: 0 },
      { ...good, title: 'a\u0000' },
      { ...good, extra: 1 },
      { ...good, body: undefined },
      { ...good, tags: [''] },
      { ...good, body: state([block('paragraph', [text('a\uDC00')])]) },
    ]) {
      expect(save.accept(bad)).toBeUndefined();
      expect(save.input.safeParse(bad).success).toBe(false);
    }
  });
});

describe('hasUnsafeCharacters', () => {
  it('finds what the full pattern finds, in every character and every pair around the surrogates', () => {
    const reference =
      // eslint-disable-next-line no-control-regex -- the characters under test
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    const mismatches: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const value = `Huế ${String.fromCharCode(code)} Huế`;
      if (hasUnsafeCharacters(value) !== reference.test(value)) mismatches.push(code);
    }
    expect(mismatches).toEqual([]);
    for (const pair of ['\uD83D\uDE00', '\uD83D', '\uDE00', '\uDE00\uD83D', '\uD800\uDC00\uDC00', 'a\uDBFF']) {
      expect(hasUnsafeCharacters(`Huế${pair}`)).toBe(reference.test(pair));
    }
  });
});
