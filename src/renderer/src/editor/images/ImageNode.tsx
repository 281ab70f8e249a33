import {
  $applyNodeReplacement,
  DecoratorNode,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';
import type { JSX } from 'react';
import { ImageView } from './ImageView';

export interface ImagePayload {
  /** SHA-256 of the stored image: the image itself lives in the core's store, saved before this node. */
  hash: string;
  /** The web rendition's size, so the page keeps its layout while the image loads. */
  width: number;
  height: number;
  altText: string;
  caption: string;
  credit: string;
}

export type SerializedImageNode = Spread<ImagePayload, SerializedLexicalNode>;

/** A photo with its caption, alt text and credit, as one block of the article. */
export class ImageNode extends DecoratorNode<JSX.Element> {
  __hash: string;
  __width: number;
  __height: number;
  __altText: string;
  __caption: string;
  __credit: string;

  static override getType(): string {
    return 'image';
  }

  static override clone(node: ImageNode): ImageNode {
    return new ImageNode(node.getPayload(), node.__key);
  }

  static override importJSON(json: Record<string, unknown>): ImageNode {
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    const size = (value: unknown) => (typeof value === 'number' && value > 0 ? value : 1);
    return $createImageNode({
      hash: text(json.hash),
      width: size(json.width),
      height: size(json.height),
      altText: text(json.altText),
      caption: text(json.caption),
      credit: text(json.credit),
    });
  }

  constructor(payload: ImagePayload, key?: NodeKey) {
    super(key);
    this.__hash = payload.hash;
    this.__width = payload.width;
    this.__height = payload.height;
    this.__altText = payload.altText;
    this.__caption = payload.caption;
    this.__credit = payload.credit;
  }

  override exportJSON(): SerializedImageNode {
    return { ...super.exportJSON(), ...this.getPayload() };
  }

  getPayload(): ImagePayload {
    const self = this.getLatest();
    return {
      hash: self.__hash,
      width: self.__width,
      height: self.__height,
      altText: self.__altText,
      caption: self.__caption,
      credit: self.__credit,
    };
  }

  setText(fields: Partial<Pick<ImagePayload, 'altText' | 'caption' | 'credit'>>): this {
    const writable = this.getWritable();
    if (fields.altText !== undefined) writable.__altText = fields.altText;
    if (fields.caption !== undefined) writable.__caption = fields.caption;
    if (fields.credit !== undefined) writable.__credit = fields.credit;
    return writable;
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const element = document.createElement('div');
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

  override exportDOM(): DOMExportOutput {
    // Copying out of the editor carries the words, not a reference to a store it cannot reach.
    const figure = document.createElement('figure');
    const caption = document.createElement('figcaption');
    caption.textContent = [this.__caption, this.__credit].filter(Boolean).join(' — ');
    figure.append(caption);
    return { element: figure };
  }

  override getTextContent(): string {
    return this.__caption ? `${this.__caption}\n` : '';
  }

  override decorate(): JSX.Element {
    return <ImageView nodeKey={this.getKey()} payload={this.getPayload()} />;
  }
}

export function $createImageNode(payload: ImagePayload): ImageNode {
  return $applyNodeReplacement(new ImageNode(payload));
}

export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode;
}
