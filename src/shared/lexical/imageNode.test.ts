import { createHeadlessEditor } from '@lexical/headless';
import { $getRoot, $isDecoratorNode, createEditor, type Klass, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { editorStateSchema } from '../domain';
import { $createImageNode, $isImageNode, ImageNode } from './imageNode';
import {
  EDITOR_NODE_TYPES,
  IMAGE_HASH,
  IMAGE_NODE_TYPE,
  IMAGE_TEXT_LIMITS,
  imagePayloadFromJSON,
  knownImageSize,
  type ImagePayload,
} from './json';
import { articleNodes } from './nodes';
import { STORED_IMAGES, imageClassKeepsSharedJSON, storedBySharedNodes, storedThrough } from './samples';

const HASH = 'ab'.repeat(32);

const element = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  type,
  version: 1,
  format: '',
  indent: 0,
  direction: null,
  children,
  ...extra,
});
const text = (value: string) => ({
  type: 'text',
  version: 1,
  text: value,
  format: 0,
  detail: 0,
  mode: 'normal',
  style: '',
});
const paragraph = (value: string) => element('paragraph', [text(value)], { textFormat: 0, textStyle: '' });
const image = (fields: Record<string, unknown>) => ({ type: 'image', version: 1, hash: HASH, ...fields });
const body = (children: unknown[]) => ({ root: element('root', children) });

function editorOf(image: Klass<ImageNode> = ImageNode): LexicalEditor {
  return createHeadlessEditor({
    nodes: [...articleNodes(image)],
    onError: (error) => {
      throw error;
    },
  });
}

const roundTrip = storedThrough;

/** The editor's view on top of the shared node, as the renderer adds it. */
class ViewImageNode extends ImageNode {
  override $config() {
    return this.config(IMAGE_NODE_TYPE, { extends: ImageNode });
  }

  override decorate(): string {
    return `figure ${this.getPayload().hash}`;
  }
}

describe('image JSON', () => {
  it('reads a size as whole pixels, and a missing or broken size as unknown on both sides', () => {
    const size = (json: Record<string, unknown>) => {
      const { width, height } = imagePayloadFromJSON(json);
      return [width, height];
    };
    expect(size({ width: 1600, height: 1067 })).toEqual([1600, 1067]);
    expect(size({ width: 1599.6, height: 1067.2 })).toEqual([1600, 1067]);
    expect(size({})).toEqual([0, 0]);
    expect(size({ width: 1600 })).toEqual([0, 0]);
    expect(size({ width: 1600, height: 0 })).toEqual([0, 0]);
    expect(size({ width: -5, height: 10 })).toEqual([0, 0]);
    expect(size({ width: '1600', height: '1067' })).toEqual([0, 0]);
    expect(size({ width: Number.POSITIVE_INFINITY, height: 10 })).toEqual([0, 0]);
    expect(size({ width: 0.2, height: 10 })).toEqual([0, 0]);
  });

  it('reads missing or malformed words as empty', () => {
    expect(imagePayloadFromJSON({ hash: HASH, caption: 7, altText: null, credit: 'Ảnh: Minh Tâm' })).toEqual({
      hash: HASH,
      width: 0,
      height: 0,
      altText: '',
      caption: '',
      credit: 'Ảnh: Minh Tâm',
    });
  });

  it('gives a view a size only when both sides are known', () => {
    expect(knownImageSize({ width: 0, height: 0 })).toBeNull();
    expect(knownImageSize({ width: 10, height: 0 })).toBeNull();
    expect(knownImageSize({ width: 10, height: 20 })).toEqual({ width: 10, height: 20 });
  });
});

describe('the image node', () => {
  it('stores an image without a size with the unknown size, and its words unchanged', () => {
    const stored = roundTrip(editorOf(), body([image({ caption: 'Ngọ Môn', credit: 'Ảnh: Minh Tâm' })]));
    expect(stored.root.children).toEqual([
      {
        type: 'image',
        version: 1,
        hash: HASH,
        width: 0,
        height: 0,
        altText: '',
        caption: 'Ngọ Môn',
        credit: 'Ảnh: Minh Tâm',
      },
    ]);
  });

  it('exports what it imports, so a stored image survives any number of opens and saves', () => {
    const first = roundTrip(editorOf(), body([image({ width: 800.4, height: 600 }), paragraph('Sau ảnh')]));
    expect(roundTrip(editorOf(), first)).toEqual(first);
  });

  it('keeps every field through an edit, which clones the node', () => {
    const editor = editorOf();
    roundTrip(editor, body([image({ width: 1600, height: 1067, altText: 'Cổng', caption: 'Cũ', credit: 'C' })]));
    editor.update(
      () => {
        const node = $getRoot().getFirstChild();
        if ($isImageNode(node)) node.setText({ caption: 'Mới' });
      },
      { discrete: true },
    );
    const payload = editor.getEditorState().read(() => {
      const node = $getRoot().getFirstChild();
      return $isImageNode(node) ? node.getPayload() : null;
    });
    expect(payload).toEqual<ImagePayload>({
      hash: HASH,
      width: 1600,
      height: 1067,
      altText: 'Cổng',
      caption: 'Mới',
      credit: 'C',
    });
  });

  it('can be built with no arguments, as Lexical itself builds nodes', () => {
    const editor = editorOf();
    editor.update(() => $getRoot().append(new ImageNode()), { discrete: true });
    const stored = JSON.parse(JSON.stringify(editor.getEditorState().toJSON())) as { root: { children: unknown[] } };
    expect(stored.root.children).toEqual([
      { type: 'image', version: 1, hash: '', width: 0, height: 0, altText: '', caption: '', credit: '' },
    ]);
  });

  it('lets a view be added by a subclass that keeps the JSON and is the class every import builds', () => {
    const state = body([image({ caption: 'Đêm hội' }), image({ width: 4, height: 3 })]);
    const viewed = editorOf(ViewImageNode);
    expect(roundTrip(viewed, state)).toEqual(roundTrip(editorOf(), state));
    viewed.update(
      () => {
        $getRoot().append($createImageNode({ ...imagePayloadFromJSON({}), hash: HASH }));
      },
      { discrete: true },
    );
    viewed.getEditorState().read(() => {
      const images = $getRoot().getChildren().filter($isDecoratorNode);
      expect(images).toHaveLength(3);
      for (const node of images) {
        expect(node).toBeInstanceOf(ViewImageNode);
        expect(node.decorate(viewed, viewed._config)).toBe(`figure ${HASH}`);
      }
    });
  });
});

describe('the shared reading of stored images', () => {
  it('gives one answer for every size: whole pixels when both sides are known, else 0 by 0', () => {
    const stored = storedBySharedNodes(STORED_IMAGES);
    expect(stored.root.children.map((node) => [node.width, node.height])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [1600, 1067],
      [1600, 1067],
      [1, 1],
    ]);
    expect(stored.root.children.at(-1)).toMatchObject({ caption: '', credit: '' });
    expect(editorStateSchema.safeParse(stored).success).toBe(true);
  });

  it('tells a subclass that adds a view from one that rewrites the JSON', () => {
    class RewritingImageNode extends ImageNode {
      override $config() {
        return this.config(IMAGE_NODE_TYPE, { extends: ImageNode });
      }

      override exportJSON() {
        return { ...super.exportJSON(), width: 1 };
      }
    }
    expect(imageClassKeepsSharedJSON(articleNodes())).toBe(true);
    expect(imageClassKeepsSharedJSON(articleNodes(ViewImageNode))).toBe(true);
    expect(imageClassKeepsSharedJSON(articleNodes(RewritingImageNode))).toBe(false);
    expect(imageClassKeepsSharedJSON([...articleNodes(), ViewImageNode])).toBe(false);
  });
});

describe('the article node set', () => {
  it('registers a class for exactly the node types the contract accepts', () => {
    const editor = createEditor({ nodes: [...articleNodes()] });
    const registered = [...editor._nodes.keys()].filter((type) => type !== 'artificial');
    expect(new Set(registered)).toEqual(new Set(EDITOR_NODE_TYPES));
  });

  it('stores JSON the contract accepts for every node type', () => {
    const state = body([
      element('heading', [text('Lễ hội')], { tag: 'h2' }),
      paragraph('Mở đầu'),
      element('quote', [text('Huế đẹp'), { type: 'linebreak', version: 1 }, { type: 'tab', version: 1, text: '\t' }]),
      element('list', [element('listitem', [text('Một')], { value: 1 })], { listType: 'bullet', start: 1, tag: 'ul' }),
      element('paragraph', [
        element('link', [text('trang')], { url: 'https://festivalhue.vn/', rel: null, target: null, title: null }),
      ]),
      { type: 'horizontalrule', version: 1 },
      image({ caption: 'Không rõ cỡ' }),
      element('table', [
        element('tablerow', [
          element('tablecell', [paragraph('Ô')], { headerState: 1, colSpan: 1, rowSpan: 1, backgroundColor: null }),
        ]),
      ]),
    ]);
    const stored = roundTrip(editorOf(), state);
    const seen = new Set<string>();
    const visit = (node: { type?: unknown; children?: unknown }) => {
      seen.add(String(node.type));
      if (Array.isArray(node.children)) for (const child of node.children) visit(child as never);
    };
    visit(stored.root as never);
    expect(seen).toEqual(new Set(EDITOR_NODE_TYPES));
    const checked = editorStateSchema.safeParse(stored);
    expect(checked.error).toBeUndefined();
  });

  it('is held by the contract to the image limits the node declares', () => {
    const accepts = (fields: Record<string, unknown>) => editorStateSchema.safeParse(body([image(fields)])).success;
    for (const [field, max] of Object.entries(IMAGE_TEXT_LIMITS)) {
      expect(accepts({ [field]: 'ả'.repeat(max) }), field).toBe(true);
      expect(accepts({ [field]: 'ả'.repeat(max + 1) }), field).toBe(false);
    }
    expect(IMAGE_HASH.test(HASH)).toBe(true);
    for (const hash of ['AB'.repeat(32), 'ab'.repeat(31), 'images/x.jpg']) {
      expect(IMAGE_HASH.test(hash)).toBe(false);
      expect(accepts({ hash }), hash).toBe(false);
    }
  });
});
