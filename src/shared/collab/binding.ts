import {
  $createRangeSelection,
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  $parseSerializedNode,
  $setSelection,
  COLLABORATION_TAG,
  SKIP_COLLAB_TAG,
  type EditorState,
  type LexicalEditor,
  type LexicalNode,
  type NodeKey,
} from 'lexical';
import * as Y from 'yjs';
import { diffFlow } from './diff';
import {
  $shapeOf,
  encodeTopLevel,
  groupTopLevel,
  inheritIds,
  locateInTopLevel,
  recordIds,
  signature,
  splitBlocks,
  unitJson,
  type ContainerIds,
  type Item,
  type PointLike,
} from './flow';

// Binds a Lexical editor to a Y.Text holding the article's flow (flow.ts), both ways. An edit in
// the editor is written as the few characters and attributes it changed; a change that arrives
// in the Y.Text (another machine's edit) replaces only the top-level blocks it touched, and the
// caret stays where it was in the text. Applying a remote change never writes to the document.

/** One top-level node as the document holds it: its Lexical key and its flow. */
interface Unit {
  key: NodeKey;
  items: Item[];
  length: number;
  signature?: string;
}

const signatureOf = (unit: Unit) => (unit.signature ??= signature(unit.items));

/**
 * Where a flow offset moves to when a change (a Yjs delta) is applied: after letters inserted
 * before it, back over letters deleted before it. Letters inserted right at it go after it, so a
 * caret stays before what someone else types at the same place.
 */
function shift(offset: number, delta: readonly { insert?: unknown; retain?: number; delete?: number }[]): number {
  // `position` counts letters of the flow before the change.
  let position = 0;
  let moved = offset;
  for (const op of delta) {
    if (position >= offset) break;
    if (op.retain !== undefined) position += op.retain;
    else if (op.delete !== undefined) {
      moved -= Math.min(op.delete, offset - position);
      position += op.delete;
    } else if (op.insert !== undefined) moved += typeof op.insert === 'string' ? op.insert.length : 1;
  }
  return moved;
}

/**
 * The child of the root that holds `node` (null for the root itself). Lexical's own
 * getTopLevelElement stops at table cells, which it treats as roots of their own.
 */
function $topLevelOf(node: LexicalNode): LexicalNode | null {
  let current = node;
  for (let parent = current.getParent(); parent; parent = current.getParent()) {
    if (parent.getKey() === 'root') return current;
    current = parent;
  }
  return null;
}

export interface FlowBinding {
  readonly editor: LexicalEditor;
  readonly text: Y.Text;
  /** The origin of the transactions that write this editor's edits (an undo manager tracks it). */
  readonly origin: object;
  /** Replaces the editor's content with the document's. */
  load(): void;
  /** With `deferred`: applies the changes from elsewhere that arrived since the last call. */
  catchUp(): void;
  /** Stops both directions; the editor and the document stay as they are. */
  dispose(): void;
}

export interface FlowBindingOptions {
  /** Whether edits in the editor are written to the document (false: a reader). */
  writes: boolean;
  /**
   * Changes from elsewhere are applied when `catchUp` is called, not as they arrive: for an editor
   * nobody looks at, read on demand. A change is then never worked on before the document's other
   * listeners hear of it (a provider sending it on), and several are applied as one. The editor
   * must not be read or edited before `catchUp`. Only for an editor without a selection to keep.
   */
  deferred?: boolean;
}

export function bindFlow(editor: LexicalEditor, text: Y.Text, options: FlowBindingOptions): FlowBinding {
  const ids: ContainerIds = new Map();
  let units: Unit[] = [];
  const origin = {};

  /** The flow offset of a point in the current editor state, or null if it is outside every unit. */
  const $offsetOf = (point: PointLike, within: readonly Unit[]): number | null => {
    const node = $getNodeByKey(point.key);
    if (!node) return null;
    const top = $topLevelOf(node);
    let base = 0;
    for (const unit of within) {
      if (top === null && point.type === 'element') {
        if (within.indexOf(unit) === point.offset) return base;
      } else if (top && unit.key === top.getKey()) {
        const at = encodeTopLevel(top, ids, point).pointAt;
        return at === null ? null : base + at;
      }
      base += unit.length;
    }
    return top === null ? base : null;
  };

  const $pointAt = (offset: number): PointLike | null => {
    let base = 0;
    for (const unit of units) {
      if (offset <= base + unit.length - 1 || unit === units[units.length - 1]) {
        const node = $getNodeByKey(unit.key);
        return node ? locateInTopLevel(node, ids, Math.max(0, offset - base)) : null;
      }
      base += unit.length;
    }
    return null;
  };

  /** Puts the selection at flow offsets `[anchor, focus]` of the document as now read. */
  const $restoreSelection = ([anchor, focus]: [number, number]) => {
    const anchorPoint = $pointAt(anchor);
    const focusPoint = $pointAt(focus);
    if (!anchorPoint || !focusPoint) return;
    const selection = $createRangeSelection();
    selection.anchor.set(anchorPoint.key, anchorPoint.offset, anchorPoint.type);
    selection.focus.set(focusPoint.key, focusPoint.offset, focusPoint.type);
    $setSelection(selection);
  };

  /** The selection's flow offsets in the editor as shown, before a change from elsewhere is applied. */
  const selectionOffsets = (): [number, number] | null =>
    editor.getEditorState().read(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return null;
      const anchor = $offsetOf(selection.anchor, units);
      const focus = $offsetOf(selection.focus, units);
      return anchor === null || focus === null ? null : [anchor, focus];
    });

  /** Builds the node of one unit read from the document and notes its containers' ids. */
  const $build = (blocks: Parameters<typeof unitJson>[0]): LexicalNode => {
    const json = unitJson(blocks);
    const node = $parseSerializedNode(json);
    recordIds(node, json, ids);
    return node;
  };

  /** Reads the document and replaces the top-level nodes whose flow changed. */
  const applyDocument = (whole: boolean, selection: [number, number] | null = null) => {
    const groups = groupTopLevel(splitBlocks(text.toDelta() as Item[]));
    const next: Unit[] = groups.map((blocks) => {
      const items = blocks.flatMap((block) => block.items);
      return { key: '', items, length: blocks.reduce((sum, block) => sum + block.length, 0) };
    });
    const old = whole ? [] : units;
    let prefix = 0;
    const max = Math.min(old.length, next.length);
    // Units not known to be in step with the editor (key '') are never taken as unchanged.
    const same = (a: Unit, b: Unit) => a.key !== '' && signatureOf(a) === signatureOf(b);
    while (prefix < max && same(old[prefix]!, next[prefix]!)) prefix++;
    let suffix = 0;
    while (suffix < max - prefix && same(old[old.length - 1 - suffix]!, next[next.length - 1 - suffix]!)) suffix++;
    if (!whole && prefix === old.length && prefix === next.length) return;
    editor.update(
      () => {
        const root = $getRoot();
        if (whole) root.clear();
        for (let k = 0; k < prefix; k++) next[k]!.key = old[k]!.key;
        for (let k = 0; k < suffix; k++) next[next.length - 1 - k]!.key = old[old.length - 1 - k]!.key;
        // What lies between the unchanged units in the editor goes, whatever units it was.
        const children = root.getChildren();
        const start = prefix > 0 ? children.findIndex((child) => child.getKey() === old[prefix - 1]!.key) + 1 : 0;
        const end =
          suffix > 0
            ? children.findIndex((child) => child.getKey() === old[old.length - suffix]!.key)
            : children.length;
        for (const child of children.slice(start, end)) child.remove();
        let after: LexicalNode | null = start > 0 ? children[start - 1]! : null;
        for (let k = prefix; k < next.length - suffix; k++) {
          const node = $build(groups[k]!);
          if (after) after.insertAfter(node);
          else {
            const first = root.getFirstChild();
            if (first) first.insertBefore(node);
            else root.append(node);
          }
          next[k]!.key = node.getKey();
          after = node;
        }
        units = next;
        if (selection && $isRangeSelection($getSelection())) $restoreSelection(selection);
      },
      // Committed at once, so the editor shows what `units` describes before anything else reads it.
      { tag: [COLLABORATION_TAG], discrete: true },
    );
    // Only a writer compares its next edit with the units; a reader has nothing to check.
    if (options.writes) $checkAfterNormalising();
  };

  /** Top-level nodes the last change from elsewhere touched, Lexical's own normalising included. */
  let touched = new Set<NodeKey>();

  /**
   * Lexical may normalise what a change from elsewhere built (its transforms run after the change):
   * a unit whose node is gone, or whose node no longer reads as the unit's flow, is no longer known
   * to be in step. It is then treated as changed, so the next edit here compares that stretch of
   * the document with what the editor holds instead of trusting it.
   */
  const $checkAfterNormalising = () =>
    editor.getEditorState().read(() => {
      const shown = new Map(
        $getRoot()
          .getChildren()
          .map((child) => [child.getKey(), child]),
      );
      for (const unit of units) {
        const node = shown.get(unit.key);
        if (!node) unit.key = '';
        else if (touched.has(unit.key) && signature(encodeTopLevel(node, ids).items) !== signatureOf(unit))
          unit.key = '';
      }
      touched = new Set();
    });

  /** A change from elsewhere waits for `catchUp` (deferred). */
  let behind = false;
  const onChange = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return;
    if (options.deferred) {
      behind = true;
      return;
    }
    const offsets = selectionOffsets();
    applyDocument(false, offsets && [shift(offsets[0], event.delta), shift(offsets[1], event.delta)]);
  };
  text.observe(onChange);

  /**
   * New top-level nodes take the container ids of the nodes they replace, matched by place from
   * either end of the article: the nodes of a whole new editor state, or a block re-created.
   */
  const $inheritFrom = (prevEditorState: EditorState, children: LexicalNode[]) => {
    const alive = new Set(children.map((child) => child.getKey()));
    const old = prevEditorState.read(() => $getRoot().getChildren().map($shapeOf));
    children.forEach((child, index) => {
      if (units.some((unit) => unit.key === child.getKey())) return;
      const candidates = [old[index], old[old.length - (children.length - index)]];
      const match = candidates.find((shape) => shape && !alive.has(shape.key) && shape.type === child.getType());
      if (match) inheritIds(child, match, ids);
    });
  };

  /** Writes an editor update's changes to the document. */
  const write = (prevEditorState: EditorState, dirtyElements: Map<NodeKey, boolean>, dirtyLeaves: Set<NodeKey>) => {
    const previous = prevEditorState._nodeMap;
    const known = new Map(units.map((unit) => [unit.key, unit]));
    const selection = $getSelection();
    const caret: PointLike | null = $isRangeSelection(selection) ? selection.focus : null;
    const caretNode = caret ? $getNodeByKey(caret.key) : null;
    const caretKey = caretNode ? ($topLevelOf(caretNode)?.getKey() ?? null) : null;
    let caretAt: { key: NodeKey; at: number } | null = null;
    const children = $getRoot().getChildren();
    if (children.some((child) => !known.has(child.getKey()))) $inheritFrom(prevEditorState, children);
    const next: Unit[] = children.map((child) => {
      const key = child.getKey();
      const unit = known.get(key);
      if (unit && !dirtyElements.has(key) && !dirtyLeaves.has(key) && previous.get(key) === child) return unit;
      const encoded = encodeTopLevel(child, ids, key === caretKey ? caret : null);
      if (encoded.pointAt !== null) caretAt = { key, at: encoded.pointAt };
      return { key, items: encoded.items, length: encoded.length };
    });
    // Units that read the same as before are unchanged, even when Lexical made new nodes for them
    // (a whole new editor state, as a save from an editor not bound to the document brings).
    const unchanged = (before: Unit, after: Unit) => before === after || signatureOf(before) === signatureOf(after);
    let prefix = 0;
    const max = Math.min(units.length, next.length);
    while (prefix < max && unchanged(units[prefix]!, next[prefix]!)) prefix++;
    let suffix = 0;
    while (suffix < max - prefix && unchanged(units[units.length - 1 - suffix]!, next[next.length - 1 - suffix]!)) {
      suffix++;
    }
    const changedOld = units.slice(prefix, units.length - suffix);
    const changedNext = next.slice(prefix, next.length - suffix);
    if (changedOld.length > 0 || changedNext.length > 0) {
      const base = units.slice(0, prefix).reduce((sum, unit) => sum + unit.length, 0);
      let caretInMiddle: number | null = null;
      let offset = 0;
      for (const unit of changedNext) {
        if (caretAt && (caretAt as { key: NodeKey }).key === unit.key) {
          caretInMiddle = offset + (caretAt as { at: number }).at;
        }
        offset += unit.length;
      }
      const ops = diffFlow(
        changedOld.flatMap((unit) => unit.items),
        changedNext.flatMap((unit) => unit.items),
        caretInMiddle,
      );
      text.doc!.transact(() => {
        for (const op of ops) {
          // Deleted through a delta, which walks from the start: Y.Text.delete finds its place by a
          // search marker that forgets the formats open before it, and its clean-up then removes
          // the end of an open format (bold ran on into the next paragraphs).
          if (op.kind === 'delete') text.applyDelta([{ retain: base + op.at }, { delete: op.count }]);
          else if (op.kind === 'format') text.format(base + op.at, op.count, op.attributes);
          else {
            let at = base + op.at;
            for (const item of op.items) {
              if (typeof item.insert === 'string') text.insert(at, item.insert, { ...item.attributes });
              else text.insertEmbed(at, item.insert, { ...item.attributes });
              at += typeof item.insert === 'string' ? item.insert.length : 1;
            }
          }
        }
      }, origin);
    }
    units = next;
  };

  const removeListener = editor.registerUpdateListener(
    ({ prevEditorState, editorState, dirtyElements, dirtyLeaves, tags }) => {
      if (tags.has(COLLABORATION_TAG)) {
        touched = new Set([...dirtyElements.keys(), ...dirtyLeaves]);
        return;
      }
      if (!options.writes || tags.has(SKIP_COLLAB_TAG)) return;
      // The same state again (Lexical restoring it after an update it refused) is no edit.
      if (prevEditorState === editorState) return;
      editorState.read(() => write(prevEditorState, dirtyElements, dirtyLeaves));
    },
  );

  return {
    editor,
    text,
    origin,
    load: () => {
      behind = false;
      applyDocument(true);
    },
    catchUp() {
      if (!behind) return;
      behind = false;
      applyDocument(false);
    },
    dispose() {
      text.unobserve(onChange);
      removeListener();
    },
  };
}
