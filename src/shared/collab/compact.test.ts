import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { compactUpdates } from './compact';

describe('compactUpdates', () => {
  it('gives the same document in far fewer bytes than merging keystroke by keystroke', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const text = doc.getText('body');
    for (const letter of 'Huế đẹp lắm, sông Hương trong xanh. '.repeat(20)) text.insert(text.length, letter);
    text.delete(0, 40);
    const merged = Y.mergeUpdates(updates);
    const compacted = compactUpdates(updates);
    expect(compacted.length).toBeLessThan(merged.length / 3);
    const again = new Y.Doc();
    Y.applyUpdate(again, compacted);
    expect(again.getText('body').toString()).toBe(text.toString());
    // Whoever holds the merge and the compacted form converges: nothing is missing from either.
    expect(Y.encodeStateVector(again)).toEqual(Y.encodeStateVector(doc));
  });

  it('keeps an update whose cause is missing, so it applies once the cause arrives', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const text = doc.getText('body');
    text.insert(0, 'Festival ');
    text.insert(9, 'Huế');
    const [first, second] = updates as [Uint8Array, Uint8Array];
    // Only the second is in the log: it waits for the first.
    const compacted = compactUpdates([second]);
    const later = new Y.Doc();
    Y.applyUpdate(later, compacted);
    expect(later.getText('body').toString()).toBe('');
    Y.applyUpdate(later, first);
    expect(later.getText('body').toString()).toBe('Festival Huế');
  });
});
