import type { Klass, LexicalNode } from 'lexical';
import { articleNodes } from '../../shared/lexical/nodes';
import { PublishImageNode } from './imageNode';

/**
 * The node classes the publishing renderer registers: the editor's own (src/shared/lexical), with
 * the image exported as a published figure. Every type the core accepts has a class here, or a
 * stored article could not be published.
 */
export const RENDER_NODES: readonly Klass<LexicalNode>[] = articleNodes(PublishImageNode);
