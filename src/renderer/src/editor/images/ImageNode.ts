import { $getDocument, type EditorConfig } from 'lexical';
import { getI18n } from 'react-i18next';
import { ImageNode } from '../../../../shared/lexical/imageNode';
import { IMAGE_NODE_TYPE, knownImageSize, type ImagePayload } from '../../../../shared/lexical/json';
import { imageUrl, whenImageArrives } from './imageSource';

export { $createImageNode, $isImageNode, type SerializedImageNode } from '../../../../shared/lexical/imageNode';
export type { ImagePayload } from '../../../../shared/lexical/json';

/** The words a figure shows by itself, by catalogue key; the form plugin retranslates them in place. */
export type FigureTextKey = 'image.addCaption' | 'image.missing';
export const FIGURE_TEXT_ATTRIBUTE = 'data-text';

/** Class names of the figure's parts; clicking any of them selects the image. */
export const FIGURE_PARTS = {
  photo: 'bt-figure-img',
  missing: 'bt-figure-missing',
  caption: 'bt-figure-caption',
} as const;

function say(key: FigureTextKey): string {
  // The app's catalogue, registered by react-i18next; a page without one (a unit test) shows the key.
  return getI18n()?.t(key) ?? key;
}

function setText(element: HTMLElement, key: FigureTextKey): void {
  element.textContent = say(key);
  element.setAttribute(FIGURE_TEXT_ATTRIBUTE, key);
}

function setSize(photo: HTMLImageElement, payload: ImagePayload): void {
  // An image of unknown size takes its own, rather than a 0×0 box.
  const size = knownImageSize(payload);
  if (size) {
    photo.width = size.width;
    photo.height = size.height;
  } else {
    photo.removeAttribute('width');
    photo.removeAttribute('height');
  }
}

function missingPhoto(doc: Document): HTMLElement {
  const missing = doc.createElement('div');
  missing.className = FIGURE_PARTS.missing;
  missing.setAttribute('role', 'img');
  setText(missing, 'image.missing');
  missing.setAttribute('aria-label', missing.textContent ?? '');
  return missing;
}

function photo(doc: Document, payload: ImagePayload): HTMLImageElement {
  const element = doc.createElement('img');
  element.className = FIGURE_PARTS.photo;
  element.alt = payload.altText;
  element.draggable = false;
  setSize(element, payload);
  // The photo arrives from the store after the article is on screen, straight onto the element.
  imageUrl(payload.hash).then(
    (url) => {
      element.src = url;
    },
    () => {
      const missing = missingPhoto(doc);
      element.replaceWith(missing);
      // An image inserted on another workstation may arrive after its text: the photo then takes its place.
      whenImageArrives(payload.hash, () => {
        if (missing.isConnected) missing.replaceWith(photo(doc, payload));
      });
    },
  );
  return element;
}

function showCaption(caption: HTMLElement, payload: ImagePayload): void {
  const shown = [payload.caption, payload.credit].filter(Boolean).join(' — ');
  if (shown) {
    caption.textContent = shown;
    caption.removeAttribute('data-empty');
    caption.removeAttribute(FIGURE_TEXT_ATTRIBUTE);
  } else {
    setText(caption, 'image.addCaption');
    caption.setAttribute('data-empty', '');
  }
}

/**
 * The editor's image: the shared node and its JSON, shown as a plain figure (the photo, its caption
 * and credit as text) built with the rest of the article's DOM. It has no React view of its own: a
 * view per image would cost every photo of a long article a React root, a second render and a
 * layout while the article opens. The caption form is mounted only on the image being edited, by
 * ImageFormPlugin, into this figure.
 */
export class EditorImageNode extends ImageNode {
  override $config() {
    return this.config(IMAGE_NODE_TYPE, { extends: ImageNode });
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const doc = $getDocument();
    const payload = this.__getPayload();
    const figure = doc.createElement('figure');
    const className = config.theme.image;
    figure.className = typeof className === 'string' ? `${className} bt-figure` : 'bt-figure';
    figure.setAttribute('data-testid', 'editor-image');
    const caption = doc.createElement('figcaption');
    caption.className = FIGURE_PARTS.caption;
    showCaption(caption, payload);
    figure.append(photo(doc, payload), caption);
    return figure;
  }

  // The figure is updated in place: the caption form may be mounted in it. (Optional parameters:
  // the shared node's version takes none; Lexical always passes them.)
  override updateDOM(prevNode?: ImageNode, dom?: HTMLElement): false {
    if (!prevNode || !dom) return false;
    const prev = prevNode.__getPayload();
    const next = this.__getPayload();
    const media = dom.firstElementChild;
    if (prev.hash !== next.hash) {
      media?.replaceWith(photo(dom.ownerDocument, next));
    } else if (media?.tagName === 'IMG') {
      const element = media as HTMLImageElement;
      if (element.alt !== next.altText) element.alt = next.altText;
      if (prev.width !== next.width || prev.height !== next.height) setSize(element, next);
    }
    if (prev.caption !== next.caption || prev.credit !== next.credit) {
      const caption = dom.querySelector<HTMLElement>(`:scope > .${FIGURE_PARTS.caption}`);
      if (caption) showCaption(caption, next);
    }
    return false;
  }

  // No React view: Lexical mounts no portal for a decorator that decorates to null.
  override decorate(): null {
    return null;
  }
}
