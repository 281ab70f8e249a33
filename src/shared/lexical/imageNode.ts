import {
  $create,
  $getDocument,
  DecoratorNode,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalNode,
  type LexicalUpdateJSON,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';
import { EMPTY_IMAGE, IMAGE_NODE_TYPE, imagePayloadFromJSON, type ImagePayload } from './json';

export type SerializedImageNode = Spread<ImagePayload, SerializedLexicalNode>;

/**
 * A photo with its caption, alt text and credit, as one block of the article: its fields and their
 * JSON. It shows nothing by itself; an editor registers exactly one class for the type `image`,
 * this one (headless) or a subclass that adds a view (the editor) or an HTML export (publishing).
 * Subclasses inherit the JSON, so every side reads a stored image the same way.
 */
export class ImageNode extends DecoratorNode<unknown> {
  __hash: string;
  __width: number;
  __height: number;
  __altText: string;
  __caption: string;
  __credit: string;

  override $config() {
    return this.config(IMAGE_NODE_TYPE, { extends: DecoratorNode });
  }

  // Every argument has a default: Lexical (clone, importJSON, collaboration) builds nodes with none.
  constructor(payload: ImagePayload = EMPTY_IMAGE, key?: NodeKey) {
    super(key);
    this.__hash = payload.hash;
    this.__width = payload.width;
    this.__height = payload.height;
    this.__altText = payload.altText;
    this.__caption = payload.caption;
    this.__credit = payload.credit;
  }

  override afterCloneFrom(prevNode: this): void {
    super.afterCloneFrom(prevNode);
    this.__setPayload(prevNode.__getPayload());
  }

  override updateFromJSON(json: LexicalUpdateJSON<SerializedImageNode>): this {
    return super.updateFromJSON(json).setPayload(imagePayloadFromJSON(json));
  }

  override exportJSON(): SerializedImageNode {
    return { ...super.exportJSON(), ...this.getPayload() };
  }

  getPayload(): ImagePayload {
    return this.getLatest().__getPayload();
  }

  setPayload(payload: ImagePayload): this {
    return this.getWritable().__setPayload(payload);
  }

  setText(fields: Partial<Pick<ImagePayload, 'altText' | 'caption' | 'credit'>>): this {
    return this.setPayload({ ...this.getPayload(), ...fields });
  }

  /** @internal reads this version's fields, whether or not it is the latest */
  __getPayload(): ImagePayload {
    return {
      hash: this.__hash,
      width: this.__width,
      height: this.__height,
      altText: this.__altText,
      caption: this.__caption,
      credit: this.__credit,
    };
  }

  /** @internal writes without getWritable(): only on a node that is already writable */
  __setPayload(payload: ImagePayload): this {
    this.__hash = payload.hash;
    this.__width = payload.width;
    this.__height = payload.height;
    this.__altText = payload.altText;
    this.__caption = payload.caption;
    this.__credit = payload.credit;
    return this;
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const element = $getDocument().createElement('div');
    const className = config.theme.image;
    if (typeof className === 'string') element.className = className;
    return element;
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): false {
    return false;
  }

  override decorate(): unknown {
    return null;
  }

  /** The words of the image (its caption), so word counts and plain-text copies include them. */
  override getTextContent(): string {
    return this.__caption ? `${this.__caption}\n` : '';
  }

  /**
   * HTML that carries the image's words and no reference to a store the reader cannot reach: what a
   * copy out of the editor gives. Publishing, which knows where its images live, exports more.
   */
  override exportDOM(): DOMExportOutput {
    const doc = $getDocument();
    const figure = doc.createElement('figure');
    const caption = doc.createElement('figcaption');
    caption.textContent = [this.__caption, this.__credit].filter(Boolean).join(' — ');
    figure.append(caption);
    return { element: figure };
  }
}

/** A new image node of whichever image class the active editor registered. */
export function $createImageNode(payload: ImagePayload): ImageNode {
  return $create(ImageNode).setPayload(payload);
}

export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode;
}
