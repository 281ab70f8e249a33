// The editor's document as JSON, without Lexical: the contract (zod) and any code that never
// builds an editor read this file; the node classes beside it read and write exactly this shape.

/**
 * Node types an article body may hold: Lexical's own (root, paragraph, text, linebreak, tab), those
 * of the Lexical packages the editor uses, and the editor's image. Anything else (from a hostile
 * paste or a hand-written payload) is refused before it reaches the database.
 */
export const EDITOR_NODE_TYPES = [
  'root',
  'paragraph',
  'text',
  'linebreak',
  'tab',
  'heading',
  'quote',
  'list',
  'listitem',
  'link',
  'horizontalrule',
  'table',
  'tablerow',
  'tablecell',
  'image',
] as const;
export type EditorNodeType = (typeof EDITOR_NODE_TYPES)[number];

export const IMAGE_NODE_TYPE = 'image' satisfies EditorNodeType;

/** An image is referenced by the SHA-256 of its stored bytes, never by a path or URL. */
export const IMAGE_HASH = /^[0-9a-f]{64}$/;

/** The longest words an image carries; its caption and alt text may run longer than an attribute. */
export const IMAGE_TEXT_LIMITS = { altText: 1000, caption: 1000, credit: 200 } as const;

/** An image's fields as stored in the article's JSON (beside `type` and `version`). */
export interface ImagePayload {
  /** SHA-256 of the stored image: the image itself lives in the core's store, saved before this node. */
  hash: string;
  /**
   * The web rendition's size in pixels, so a page keeps its layout while the image loads.
   * Both are 0 when the size is not known: views then leave the size to the image itself.
   */
  width: number;
  height: number;
  altText: string;
  caption: string;
  credit: string;
}

/** A size that is not known: 0 for both sides, never a guess (a 1×1 box would show a dot). */
export const UNKNOWN_IMAGE_SIZE = 0;

export const EMPTY_IMAGE: Readonly<ImagePayload> = Object.freeze({
  hash: '',
  width: UNKNOWN_IMAGE_SIZE,
  height: UNKNOWN_IMAGE_SIZE,
  altText: '',
  caption: '',
  credit: '',
});

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const pixels = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0.5 ? Math.round(value) : UNKNOWN_IMAGE_SIZE;

/**
 * The one reading of an image's JSON, whoever imports it (the editor, the publisher, the core).
 * Missing or malformed text becomes empty; a size is whole pixels, and a size with either side
 * missing, zero, negative or not a number is unknown on both sides.
 */
export function imagePayloadFromJSON(json: Readonly<Record<string, unknown>>): ImagePayload {
  const width = pixels(json.width);
  const height = pixels(json.height);
  const known = width !== UNKNOWN_IMAGE_SIZE && height !== UNKNOWN_IMAGE_SIZE;
  return {
    hash: text(json.hash),
    width: known ? width : UNKNOWN_IMAGE_SIZE,
    height: known ? height : UNKNOWN_IMAGE_SIZE,
    altText: text(json.altText),
    caption: text(json.caption),
    credit: text(json.credit),
  };
}

/** The image's size when it is known, for a view's width and height attributes. */
export function knownImageSize(
  payload: Pick<ImagePayload, 'width' | 'height'>,
): { width: number; height: number } | null {
  return payload.width > 0 && payload.height > 0 ? { width: payload.width, height: payload.height } : null;
}
