import { $getEditor, DecoratorNode, type DOMExportOutput, type NodeKey } from 'lexical';

interface ImageFields {
  hash: string;
  width: number;
  height: number;
  altText: string;
  caption: string;
  credit: string;
}

/** Where the published page finds an image, by its hash; the publishing target decides. */
export type ImageUrl = (hash: string) => string;

const imageUrls = new WeakMap<object, ImageUrl>();

/** Tells the image nodes of one headless editor where their images are published. */
export function setImageUrl(editor: object, url: ImageUrl): void {
  imageUrls.set(editor, url);
}

/**
 * The editor's image block as the publishing renderer sees it: the same stored JSON as the
 * editor's node (type `image`), exported as a figure with its caption and credit.
 */
export class PublishImageNode extends DecoratorNode<null> {
  __fields: ImageFields;

  static override getType(): string {
    return 'image';
  }

  static override clone(node: PublishImageNode): PublishImageNode {
    return new PublishImageNode(node.__fields, node.__key);
  }

  static override importJSON(json: Record<string, unknown>): PublishImageNode {
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    const size = (value: unknown) => (typeof value === 'number' && value > 0 ? Math.round(value) : 0);
    return new PublishImageNode({
      hash: text(json.hash),
      width: size(json.width),
      height: size(json.height),
      altText: text(json.altText),
      caption: text(json.caption),
      credit: text(json.credit),
    });
  }

  constructor(fields: ImageFields, key?: NodeKey) {
    super(key);
    this.__fields = fields;
  }

  override exportJSON() {
    return { ...super.exportJSON(), ...this.__fields };
  }

  override createDOM(): HTMLElement {
    return document.createElement('div');
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): false {
    return false;
  }

  override decorate(): null {
    return null;
  }

  override exportDOM(): DOMExportOutput {
    const { hash, width, height, altText, caption, credit } = this.__fields;
    const url = imageUrls.get($getEditor()) ?? ((value: string) => `images/${value}`);
    const figure = document.createElement('figure');
    const img = document.createElement('img');
    img.setAttribute('src', url(hash));
    img.setAttribute('alt', altText);
    if (width && height) {
      img.setAttribute('width', String(width));
      img.setAttribute('height', String(height));
    }
    figure.append(img);
    if (caption || credit) {
      const figcaption = document.createElement('figcaption');
      figcaption.append(caption);
      if (credit) {
        const small = document.createElement('small');
        small.textContent = credit;
        figcaption.append(caption ? ' ' : '', small);
      }
      figure.append(figcaption);
    }
    return { element: figure };
  }
}
