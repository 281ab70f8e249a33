import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EditorState } from '../../shared/domain';

/** Exactly what a sign-off covers: everything the site will show for the article. */
export interface SignedContent {
  title: string;
  summary: string;
  body: EditorState;
  byline: string;
  category: string;
  tags: string[];
  imageHashes: string[];
  /** Left out while empty, so approvals given before articles had these still verify. */
  slug?: string;
  featuredImage?: string;
}

function nfcDeep(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(nfcDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.normalize('NFC'), nfcDeep(item)]));
  }
  return value;
}

/**
 * Image nodes name their file by content hash; the signature covers those hashes, so swapping
 * a picture for another one under the same caption breaks the approval.
 */
export function collectImageHashes(body: EditorState): string[] {
  const found: string[] = [];
  const stack: unknown[] = [body.root];
  while (stack.length > 0) {
    const node = stack.pop() as { type?: unknown; hash?: unknown; sha256?: unknown; children?: unknown } | null;
    if (!node || typeof node !== 'object') continue;
    // Any image-like node (image, inline image, figure image …) that names its bytes by hash.
    if (typeof node.type === 'string' && /image/i.test(node.type)) {
      const hash = typeof node.hash === 'string' ? node.hash : typeof node.sha256 === 'string' ? node.sha256 : null;
      if (hash) found.push(hash.toLowerCase());
    }
    if (Array.isArray(node.children)) stack.push(...node.children);
  }
  return [...new Set(found)].sort();
}

/** RFC 8785 JSON of the NFC content: key order and composed/decomposed marks do not change it. */
export function canonicalJson(content: SignedContent): string {
  const json = canonicalize(nfcDeep(content));
  if (json === undefined) throw new Error('Content cannot be canonicalized');
  return json;
}

/** SHA-256 (hex) of the canonical form: the value an approval signs. */
export function contentHash(content: SignedContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
