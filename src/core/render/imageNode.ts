import { $getDocument, $getEditor, type DOMExportOutput, type LexicalEditor } from 'lexical';
import { ImageNode } from '../../shared/lexical/imageNode';
import { IMAGE_NODE_TYPE, knownImageSize } from '../../shared/lexical/json';

/** Where the published page finds an image, by its hash; the publishing target decides. */
export type ImageUrl = (hash: string) => string;

const imageUrls = new WeakMap<object, ImageUrl>();

/** Tells the image nodes of one headless editor where their images are published. */
export function setImageUrl(editor: object, url: ImageUrl): void {
  imageUrls.set(editor, url);
}

/**
 * The editor's image as the publishing renderer exports it: the shared node and its JSON, laid out
 * as a figure with the image, its caption and credit.
 */
export class PublishImageNode extends ImageNode {
  override $config() {
    return this.config(IMAGE_NODE_TYPE, { extends: ImageNode });
  }

  override exportDOM(editor: LexicalEditor = $getEditor()): DOMExportOutput {
    const { hash, altText, caption, credit } = this.getPayload();
    const size = knownImageSize(this.getPayload());
    const url = imageUrls.get(editor) ?? ((value: string) => `images/${value}`);
    const doc = $getDocument();
    const figure = doc.createElement('figure');
    const img = doc.createElement('img');
    img.setAttribute('src', url(hash));
    img.setAttribute('alt', altText);
    if (size) {
      img.setAttribute('width', String(size.width));
      img.setAttribute('height', String(size.height));
    }
    figure.append(img);
    if (caption || credit) {
      const figcaption = doc.createElement('figcaption');
      figcaption.append(caption);
      if (credit) {
        const small = doc.createElement('small');
        small.textContent = credit;
        figcaption.append(caption ? ' ' : '', small);
      }
      figure.append(figcaption);
    }
    return { element: figure };
  }
}
