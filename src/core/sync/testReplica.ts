import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import {
  $createParagraphNode,
  $createRangeSelection,
  $getRoot,
  $isDecoratorNode,
  $isElementNode,
  $isLineBreakNode,
  $isTabNode,
  $isTextNode,
  $setSelection,
  type ElementNode,
  type LexicalNode,
  type PointType,
  type RangeSelection,
} from 'lexical';
import * as Y from 'yjs';
import type { EditorState } from '../../shared/domain';
import { bindEditor, loadFromDoc, type BoundEditor } from './binding';
import { articleFromContentDoc, type ContentMeta } from './contentDoc';

// A headless editor bound to its own copy of a content document, as a workstation's editor is:
// tests drive it with the edits a person makes (typing, formatting, Enter, Shift+Enter, deleting a
// selection) and pass its document updates around as a network would.

/** The origin of updates that arrive from another replica, so the binding applies them to the editor. */
export const REMOTE = Symbol('remote');

/** Where an edit may start or end: a place in a block's text that splits no word. */
interface Spot {
  key: string;
  offset: number;
  type: 'text' | 'element';
  /** The block (paragraph, heading, list item …) the spot is in. */
  block: string;
  /** Inside a table cell: a selection from there stays in its block. */
  inTable: boolean;
}

/** Blocks whose children are inline (text, line breaks, tabs, links): where typing happens. */
function isTextBlock(node: ElementNode): boolean {
  if (node.getType() === 'root') return false;
  const children = node.getChildren();
  return children.length === 0
    ? node.canBeEmpty() && !['table', 'tablerow', 'tablecell', 'list'].includes(node.getType())
    : children.some((child) => !$isElementNode(child) || child.isInline());
}

function isInTable(node: LexicalNode): boolean {
  return node.getParents().some((parent) => parent.getType() === 'tablecell');
}

/** Every inline leaf of a block in order, descending into links. */
function inlineLeaves(block: ElementNode): LexicalNode[] {
  const out: LexicalNode[] = [];
  for (const child of block.getChildren()) {
    if ($isElementNode(child) && child.isInline()) out.push(...inlineLeaves(child));
    else out.push(child);
  }
  return out;
}

const blank = (char: string | undefined) => char === undefined || /\s/.test(char);

/** Spots at word edges: inserting or cutting there leaves every word whole. */
function $wordEdges(): Spot[] {
  const spots: Spot[] = [];
  const visit = (node: LexicalNode) => {
    if (!$isElementNode(node)) return;
    if (isTextBlock(node)) {
      const block = node.getKey();
      const inTable = isInTable(node);
      const leaves = inlineLeaves(node);
      if (leaves.length === 0) {
        spots.push({ key: block, offset: 0, type: 'element', block, inTable });
        return;
      }
      const blockText = leaves
        .map((leaf) => ($isLineBreakNode(leaf) ? '\n' : $isTextNode(leaf) ? leaf.getTextContent() : ' '))
        .join('');
      let base = 0;
      for (const leaf of leaves) {
        const length = $isTextNode(leaf) ? leaf.getTextContentSize() : 1;
        if ($isTextNode(leaf) && !$isTabNode(leaf)) {
          for (let k = 0; k <= length; k++) {
            const at = base + k;
            if (blank(blockText[at - 1]) || blank(blockText[at])) {
              spots.push({ key: leaf.getKey(), offset: k, type: 'text', block, inTable });
            }
          }
        }
        base += length;
      }
      return;
    }
    if (!$isDecoratorNode(node)) for (const child of node.getChildren()) visit(child);
  };
  visit($getRoot());
  return spots;
}

const pick = <T>(items: readonly T[], fraction: number): T | undefined =>
  items[Math.min(items.length - 1, Math.floor(fraction * items.length))];

function setPoint(point: PointType, spot: Spot): void {
  point.set(spot.key, spot.offset, spot.type);
}

function $select(anchor: Spot, focus: Spot = anchor): RangeSelection {
  const selection = $createRangeSelection();
  setPoint(selection.anchor, anchor);
  setPoint(selection.focus, focus);
  $setSelection(selection);
  return selection;
}

/** A node of an editor state's JSON. */
interface JsonNode {
  type: string;
  text?: unknown;
  children?: JsonNode[];
}

/** Word tokens the tests insert: unique, so each one can be looked for in the end. */
export const TOKEN = /w\d+x/g;

export class HeadlessReplica {
  readonly doc: Y.Doc;
  private readonly bound: BoundEditor;
  /** Updates this replica made, in order, for a network to carry. */
  readonly outbox: Uint8Array[] = [];
  /** Edits Lexical itself refused (it threw and rolled the update back), with the reason. */
  readonly refused: string[] = [];
  /** Tokens the binding did not write as typed: it wrote other letters of the same text instead. */
  readonly misplaced: string[] = [];
  /** Errors the binding threw applying remote changes, after each of which the editor was reloaded. */
  readonly recovered: string[] = [];
  private readonly errors: Error[] = [];
  /**
   * Updates the binding wrote while this replica applied another's update (it should write none).
   * Yjs's own clean-up of redundant formatting marks after concurrent formatting is not counted:
   * Yjs writes it in a transaction of its own (origin null), the same on every replica.
   */
  readonly wroteOnReceive: unknown[] = [];
  private receiving = false;

  /** A replica with `clientID` (fixed, so runs repeat exactly) holding the document `seed` encodes. */
  constructor(clientID: number, seed: Uint8Array) {
    this.doc = new Y.Doc();
    this.doc.clientID = clientID;
    Y.applyUpdate(this.doc, seed, REMOTE);
    this.bound = bindEditor(this.doc, { writes: true, onError: (error) => this.errors.push(error) });
    loadFromDoc(this.bound);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.outbox.push(update);
      if (this.receiving && origin !== REMOTE && origin !== null) this.wroteOnReceive.push(origin);
    });
  }

  get editor() {
    return this.bound.editor;
  }

  /**
   * Runs an edit and commits it now, as a keystroke's update does, so its Yjs update exists on
   * return. An edit Lexical throws on is rolled back by Lexical; it must then have left the editor
   * and the document as they were, and it answers `refusedAs`.
   */
  private edit<T>(fn: () => T, refusedAs: T): T {
    this.check();
    const before = this.stateVector();
    const shown = this.editor.getEditorState();
    let result: T | undefined;
    this.editor.update(
      () => {
        result = fn();
      },
      { discrete: true },
    );
    const error = this.errors.shift();
    if (error) {
      if (
        Buffer.compare(before, this.stateVector()) !== 0 ||
        JSON.stringify(shown.toJSON()) !== JSON.stringify(this.editor.getEditorState().toJSON())
      ) {
        throw new Error(`a refused edit left changes behind: ${error.message}`, { cause: error });
      }
      this.refused.push(error.message);
      return refusedAs;
    }
    this.flush();
    return result as T;
  }

  /** Commits whatever the binding queued after an update (it queues some follow-up updates). */
  flush(): void {
    this.editor.update(() => undefined, { discrete: true });
    this.check();
  }

  /** Any error outside a local edit (applying a remote change, writing to the document) is a failure. */
  private check(): void {
    const error = this.errors.shift();
    if (error) throw error;
  }

  /** Types ` token ` at a word edge `at` (0…1) along the document; false if there is none. */
  insertText(at: number, token: string): boolean {
    const sent = this.outbox.length;
    const typed = this.edit(() => {
      const spot = pick($wordEdges(), at);
      if (!spot) return false;
      $select(spot).insertText(` ${token} `);
      return true;
    }, false);
    // The binding writes the difference between the old and the new text, found by a diff that may
    // place the new letters elsewhere among equal ones: " w1x " typed before " w0x" can be written
    // as "1x  w" after the " w" of the old word. The word then shares letters with its neighbour.
    const written = this.outbox
      .slice(sent)
      .flatMap((update) => Y.decodeUpdate(update).structs)
      .flatMap((struct) =>
        struct instanceof Y.Item && struct.content instanceof Y.ContentString ? [struct.content.str] : [],
      );
    if (typed && !written.some((text) => text.includes(token))) this.misplaced.push(token);
    return typed;
  }

  /** Presses Enter at a word edge. */
  splitParagraph(at: number): boolean {
    return this.edit(() => {
      const spot = pick($wordEdges(), at);
      if (!spot) return false;
      $select(spot).insertParagraph();
      return true;
    }, false);
  }

  /** Presses Shift+Enter at a word edge. */
  insertLineBreak(at: number): boolean {
    return this.edit(() => {
      const spot = pick($wordEdges(), at);
      if (!spot) return false;
      $select(spot).insertLineBreak();
      return true;
    }, false);
  }

  /** Turns the block at a word edge into a heading, a quote or a paragraph, as the toolbar does. */
  retype(at: number, kind: 'heading' | 'quote' | 'paragraph'): boolean {
    return this.edit(() => {
      const spot = pick($wordEdges(), at);
      if (!spot || spot.inTable) return false;
      const make: () => ElementNode =
        kind === 'heading'
          ? () => $createHeadingNode('h2')
          : kind === 'quote'
            ? () => $createQuoteNode()
            : () => $createParagraphNode();
      $setBlocksType($select(spot), make);
      return true;
    }, false);
  }

  /**
   * Saves the article as an editor not bound to the document does (the core writing a save from
   * the app's editor): a whole new editor state, ` token ` added at the end of one text run, and
   * no caret to say where the change was. False when the article has no text run.
   */
  saveWhole(at: number, token: string): boolean {
    this.check();
    const json = this.editor.getEditorState().toJSON() as unknown as { root: JsonNode };
    const runs: JsonNode[] = [];
    const visit = (node: JsonNode) => {
      if (node.type === 'text' && typeof node.text === 'string') runs.push(node);
      for (const child of node.children ?? []) visit(child);
    };
    visit(json.root);
    const run = pick(runs, at);
    if (!run) return false;
    run.text = `${run.text as string} ${token} `;
    const sent = this.outbox.length;
    this.editor.setEditorState(this.editor.parseEditorState(JSON.stringify(json)));
    this.check();
    const written = this.outbox
      .slice(sent)
      .flatMap((update) => Y.decodeUpdate(update).structs)
      .flatMap((struct) =>
        struct instanceof Y.Item && struct.content instanceof Y.ContentString ? [struct.content.str] : [],
      );
    if (!written.some((text) => text.includes(token))) this.misplaced.push(token);
    return true;
  }

  /** The range from word edge `from` to `to`; in a table it stays in one block. */
  private static range(spots: Spot[], from: number, to: number): [Spot, Spot] | null {
    const anchor = pick(spots, from);
    if (!anchor) return null;
    const reachable = spots.filter((spot) => (anchor.inTable ? spot.block === anchor.block : !spot.inTable));
    const focus = pick(reachable, to);
    return focus ? [anchor, focus] : null;
  }

  /** Toggles bold or italic over a range, as the toolbar does. */
  toggleFormat(from: number, to: number, format: 'bold' | 'italic'): boolean {
    return this.edit(() => {
      const range = HeadlessReplica.range($wordEdges(), from, to);
      if (!range) return false;
      $select(...range).formatText(format);
      return true;
    }, false);
  }

  /** Deletes a range; answers the tokens it removed, as they were on this replica at that moment. */
  deleteRange(from: number, to: number): string[] {
    return this.edit(() => {
      const range = HeadlessReplica.range($wordEdges(), from, to);
      if (!range) return [];
      const selection = $select(...range);
      const removed = selection.getTextContent().match(TOKEN) ?? [];
      selection.removeText();
      return removed;
    }, []);
  }

  /**
   * Applies an update from another replica, as a provider does. If the binding throws while
   * applying it, Lexical rolls the editor back and the editor no longer shows its document; the
   * replica then reloads the editor from the document, as the collaboration plugin's initial load
   * does, and notes the error in `recovered`.
   */
  receive(update: Uint8Array): void {
    this.receiving = true;
    try {
      Y.applyUpdate(this.doc, update, REMOTE);
      this.editor.update(() => undefined, { discrete: true });
    } finally {
      this.receiving = false;
    }
    const error = this.errors.shift();
    if (!error) return;
    this.recovered.push(error.message);
    this.errors.length = 0;
    loadFromDoc(this.bound);
    this.flush();
  }

  /** Everything this replica has that a replica at `stateVector` lacks. */
  updateFor(stateVector: Uint8Array): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  /** The body this replica's editor shows, as plain JSON. */
  editorBody(): EditorState {
    return JSON.parse(JSON.stringify(this.editor.getEditorState().toJSON())) as EditorState;
  }

  /** The text this replica's editor shows. */
  text(): string {
    return this.editor.getEditorState().read(() => $getRoot().getTextContent());
  }

  /** The article as a fresh reader of this replica's document derives it. */
  derived(): { body: EditorState; meta: ContentMeta } {
    return articleFromContentDoc(this.doc);
  }

  dispose(): void {
    this.bound.dispose();
    this.doc.destroy();
  }
}
