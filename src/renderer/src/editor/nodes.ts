import type { Klass, LexicalNode } from 'lexical';
import { articleNodes } from '../../../shared/lexical/nodes';
import { EditorImageNode } from './images/ImageNode';

/**
 * The node classes the editor registers beyond Lexical's built-ins: the shared set
 * (src/shared/lexical), with the image shown by its editor view. Their types stay within
 * EDITOR_NODE_TYPES: the core refuses anything else.
 */
export const EDITOR_NODES: readonly Klass<LexicalNode>[] = articleNodes(EditorImageNode);
