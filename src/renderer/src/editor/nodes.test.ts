import { createEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { EDITOR_NODE_TYPES } from '../../../shared/domain';
import { EDITOR_NODES } from './nodes';

describe('editor nodes', () => {
  it('registers only node types the core accepts', () => {
    const editor = createEditor({
      nodes: [...EDITOR_NODES],
      onError: (error) => {
        throw error;
      },
    });
    const registered = [...editor._nodes.keys()].filter((type) => type !== 'artificial');
    expect(registered.length).toBeGreaterThan(5);
    for (const type of registered) expect(EDITOR_NODE_TYPES).toContain(type);
  });
});
