import {
  $isDecoratorNode,
  $isElementNode,
  $isTextNode,
  type ElementNode,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
} from 'lexical';

// An article's body as one flow of characters: every block's inline content followed by one
// block end ('\n') whose attributes say what the block is and which containers (lists, list
// items, tables, rows, cells) hold it. This is the shape a Y.Text holds, and it is why the office's
// documents are built on it: in a flow, Enter inserts one character and joining two blocks deletes
// one, so a word typed on another machine into either block is never part of what an edit
// removes. (A tree of shared elements, Lexical's binding v2, carries joins and splits out by
// deleting a block and writing a copy of its text, and loses what was typed meanwhile.)

/** Attributes on a flow item, as Y.Text keeps them: plain values only. */
export type Attributes = Record<string, string | true>;

/** One run of the flow: text, or one embedded object (a line break, an image, a rule). */
export interface Item {
  insert: string | Record<string, unknown>;
  attributes?: Attributes;
}

/** The attribute of a block end (or a block-level object) holding its containers and itself. */
export const BLOCK = 'b';
/** The attribute of inline content holding the inline elements around it (links). */
export const INLINE = 'a';
/** Text node fields other than its letters and format bits, when they are not the defaults. */
export const TEXT_EXTRA = 'x';
/**
 * The attribute of an embedded object holding the node's JSON. The object itself is only its type,
 * so a change to an image's caption is a change of attributes, which two machines can make at once
 * without the image being written twice.
 */
export const OBJECT = 'o';
/** Prefix of the attribute for one format bit (bold, italic …), so concurrent bits merge. */
const FORMAT_BIT = 'f';
/** Where the flow ends a block. */
export const BLOCK_END = '\n';
/** How a newline inside a text node travels, since '\n' ends blocks. */
const TEXT_NEWLINE = '\u2029';
/** The id a container element carries in the flow, so its blocks gather under it again. */
const ID = '$id';

/** The container ids of one editor's nodes: stable across replicas, unlike Lexical's keys. */
export type ContainerIds = Map<NodeKey, string>;

function newId(): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

function idOf(node: LexicalNode, ids: ContainerIds): string {
  const key = node.getKey();
  let id = ids.get(key);
  if (!id) ids.set(key, (id = newId()));
  return id;
}

/** A node's own JSON without its children. */
function ownJson(node: LexicalNode): Record<string, unknown> {
  const json = node.exportJSON() as unknown as Record<string, unknown>;
  const { children: _children, ...rest } = json;
  return rest;
}

const objectOf = (node: LexicalNode): Record<string, unknown> => ({ type: node.getType() });

/** The JSON of an embedded object: its attribute, or (written by no version of this code) itself. */
function objectJson(item: Item): Record<string, unknown> {
  const json = item.attributes?.[OBJECT];
  if (typeof json === 'string') {
    try {
      return JSON.parse(json) as Record<string, unknown>;
    } catch {
      // Falls through to the object itself.
    }
  }
  return item.insert as Record<string, unknown>;
}

const isInline = (node: LexicalNode) => ($isElementNode(node) || $isDecoratorNode(node)) && node.isInline();
const isInlineChild = (node: LexicalNode) => !($isElementNode(node) || $isDecoratorNode(node)) || node.isInline();

const DEFAULT_TEXT_EXTRA = JSON.stringify({ detail: 0, mode: 'normal', style: '', type: 'text', version: 1 });

/** A place in the editor whose flow offset an encoding reports (the caret, usually). */
export interface PointLike {
  key: NodeKey;
  offset: number;
  type: 'text' | 'element';
}

/** Writes flow items, merging adjacent text with equal attributes as Y.Text does. */
class FlowWriter {
  readonly items: Item[] = [];
  length = 0;
  /** The flow offset of the point asked for, once the writer has passed it. */
  found: number | null = null;
  /** The editor point at the flow offset asked for, once the writer has passed it. */
  located: PointLike | null = null;

  constructor(
    private readonly point: PointLike | null,
    private readonly seek: number | null = null,
  ) {}

  /** Notes a text node of `size` letters about to be written, for the offset sought. */
  textAt(node: LexicalNode, size: number): void {
    const seek = this.seek;
    if (seek === null || this.located?.type === 'text') return;
    if (seek >= this.length && seek <= this.length + size) {
      this.located = { key: node.getKey(), offset: seek - this.length, type: 'text' };
    }
  }

  text(text: string, attributes: Attributes): void {
    if (text.length === 0) return;
    const last = this.items[this.items.length - 1];
    if (last && typeof last.insert === 'string' && sameAttributes(last.attributes, attributes)) {
      last.insert += text;
    } else {
      this.items.push(withAttributes(text, attributes));
    }
    this.length += text.length;
  }

  embed(value: Record<string, unknown>, attributes: Attributes): void {
    this.items.push(withAttributes(value, attributes));
    this.length += 1;
  }

  /** Notes where `node` starts (or, for an element point, where its `offset`th child starts). */
  mark(node: LexicalNode, childIndex?: number): void {
    if (childIndex !== undefined && this.seek === this.length && this.located === null) {
      this.located = { key: node.getKey(), offset: childIndex, type: 'element' };
    }
    const point = this.point;
    if (!point || this.found !== null || point.key !== node.getKey()) return;
    if (point.type === 'text') this.found = this.length + point.offset;
    else if (childIndex === point.offset) this.found = this.length;
  }
}

function withAttributes(insert: Item['insert'], attributes: Attributes): Item {
  return Object.keys(attributes).length === 0 ? { insert } : { insert, attributes: { ...attributes } };
}

export function sameAttributes(a: Attributes | undefined, b: Attributes | undefined): boolean {
  const left = a ?? {};
  const right = b ?? {};
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => left[key] === right[key]);
}

/** The attributes of a text node: its format bits one by one, and its other fields if not default. */
function textAttributes(node: LexicalNode, inline: string | undefined): Attributes {
  const json = node.exportJSON() as unknown as Record<string, unknown>;
  const { text: _text, format, ...extra } = json;
  const attributes: Attributes = {};
  if (inline) attributes[INLINE] = inline;
  const bits = typeof format === 'number' ? format : 0;
  for (let bit = 1; bit <= bits; bit <<= 1) if (bits & bit) attributes[`${FORMAT_BIT}${bit}`] = true;
  const rest = JSON.stringify(extra);
  if (rest !== DEFAULT_TEXT_EXTRA) attributes[TEXT_EXTRA] = rest;
  return attributes;
}

function writeInline(writer: FlowWriter, node: LexicalNode, inline: string[], ids: ContainerIds): void {
  const inlineAttribute = inline.length > 0 ? `[${inline.join(',')}]` : undefined;
  writer.mark(node);
  if ($isTextNode(node)) {
    writer.textAt(node, node.getTextContentSize());
    writer.text(node.getTextContent().replace(/\n/g, TEXT_NEWLINE), textAttributes(node, inlineAttribute));
  } else if ($isElementNode(node)) {
    const entry = JSON.stringify({ ...ownJson(node), [ID]: idOf(node, ids) });
    node.getChildren().forEach((child, index) => {
      writer.mark(node, index);
      writeInline(writer, child, [...inline, entry], ids);
    });
    writer.mark(node, node.getChildrenSize());
  } else {
    writer.embed(objectOf(node), {
      ...(inlineAttribute ? { [INLINE]: inlineAttribute } : {}),
      [OBJECT]: JSON.stringify(ownJson(node)),
    });
  }
}

/**
 * Writes `node` (a block, or a container of blocks) under `chain`, the JSON of its containers.
 * A block's end carries the chain and the block itself; a container with inline children among
 * block children (a list item holding text and a nested list) carries its id on its own end too.
 */
function writeBlock(writer: FlowWriter, node: LexicalNode, chain: string[], ids: ContainerIds): void {
  writer.mark(node);
  if (!$isElementNode(node)) {
    writer.embed(objectOf(node), { [BLOCK]: `[${chain.join(',')}]`, [OBJECT]: JSON.stringify(ownJson(node)) });
    return;
  }
  const children = node.getChildren();
  const hasBlocks = children.some((child) => !isInlineChild(child));
  const hasInline = children.length === 0 || children.some(isInlineChild);
  if (!hasBlocks) {
    children.forEach((child, index) => {
      writer.mark(node, index);
      writeInline(writer, child, [], ids);
    });
    writer.mark(node, children.length);
    writer.text(BLOCK_END, { [BLOCK]: `[${[...chain, JSON.stringify(ownJson(node))].join(',')}]` });
    return;
  }
  const self = JSON.stringify({ ...ownJson(node), [ID]: idOf(node, ids) });
  const inner = [...chain, self];
  let inlineRun = false;
  const endRun = () => {
    if (!inlineRun) return;
    // The inline children so far end here, as text of this container itself.
    writer.text(BLOCK_END, { [BLOCK]: `[${inner.join(',')}]` });
    inlineRun = false;
  };
  children.forEach((child, index) => {
    writer.mark(node, index);
    if (isInlineChild(child)) {
      writeInline(writer, child, [], ids);
      inlineRun = true;
    } else {
      endRun();
      writeBlock(writer, child, inner, ids);
    }
  });
  writer.mark(node, children.length);
  if (hasInline && inlineRun) endRun();
}

/** The flow of one top-level node, and the offset in it of `point` if `point` lies inside. */
export function encodeTopLevel(
  node: LexicalNode,
  ids: ContainerIds,
  point: PointLike | null = null,
): { items: Item[]; length: number; pointAt: number | null } {
  const writer = new FlowWriter(point);
  if (isInline(node) || $isTextNode(node)) {
    // Inline content straight under the root (Lexical tolerates it for a moment): its own block.
    writeInline(writer, node, [], ids);
    writer.text(BLOCK_END, {});
  } else {
    writeBlock(writer, node, [], ids);
  }
  return { items: writer.items, length: writer.length, pointAt: writer.found };
}

/** The editor point at `offset` of a top-level node's flow: where a caret at that offset sits. */
export function locateInTopLevel(node: LexicalNode, ids: ContainerIds, offset: number): PointLike | null {
  const writer = new FlowWriter(null, offset);
  if (isInline(node) || $isTextNode(node)) writeInline(writer, node, [], ids);
  else writeBlock(writer, node, [], ids);
  return writer.located;
}

/** A node's key and type and its children's, as an editor state held them. */
export interface Shape {
  key: NodeKey;
  type: string;
  children: Shape[];
}

export function $shapeOf(node: LexicalNode): Shape {
  return {
    key: node.getKey(),
    type: node.getType(),
    children: $isElementNode(node) ? node.getChildren().map($shapeOf) : [],
  };
}

/**
 * Gives the containers of `node` the ids of the containers in the same places of `old`, a node it
 * replaces (a whole new editor state replaces every node with an equal one): their blocks then
 * keep naming the same containers, and nothing is written for them.
 */
export function inheritIds(node: LexicalNode, old: Shape, ids: ContainerIds): void {
  if (node.getType() !== old.type) return;
  const id = ids.get(old.key);
  if (id !== undefined && !ids.has(node.getKey())) ids.set(node.getKey(), id);
  if (!$isElementNode(node)) return;
  node.getChildren().forEach((child, index) => {
    const match = old.children[index];
    if (match) inheritIds(child, match, ids);
  });
}

// Reading a flow back: blocks, then the nodes' JSON.

/** One block of a flow: its containers, what it is, its inline items, and its items as written. */
export interface FlowBlock {
  /** JSON strings of the containers around the block, outermost first. */
  chain: string[];
  /** The block's own JSON (text blocks), or the object itself (block-level objects). */
  self: string | null;
  leaf: Record<string, unknown> | null;
  inline: Item[];
  /** The flow items this block spans, block end included. */
  items: Item[];
  length: number;
}

const DEFAULT_BLOCK = JSON.stringify({
  direction: null,
  format: '',
  indent: 0,
  type: 'paragraph',
  version: 1,
  textFormat: 0,
  textStyle: '',
});

function parseChain(value: unknown): string[] | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(value);
    if (!Array.isArray(parsed) || !parsed.every((entry) => entry !== null && typeof entry === 'object')) return null;
    return parsed.map((entry) => JSON.stringify(entry));
  } catch {
    return null;
  }
}

const BLOCK_OBJECT = [BLOCK, OBJECT];
const INLINE_OBJECT = [INLINE, OBJECT];

/** `attributes` with only `keys`. */
function only(attributes: Attributes, keys: readonly string[]): Attributes {
  const out: Attributes = {};
  for (const key of keys) if (key in attributes) out[key] = attributes[key]!;
  return out;
}

/** `attributes` without `keys`. */
function without(attributes: Attributes, ...keys: string[]): Attributes {
  const out: Attributes = { ...attributes };
  for (const key of keys) delete out[key];
  return out;
}

/**
 * Splits a flow into blocks. Every flow reads as some article: inline content with no block end
 * (left by concurrent edits) becomes a paragraph; a block end whose attributes do not parse, a
 * plain paragraph.
 */
export function splitBlocks(items: readonly Item[]): FlowBlock[] {
  const blocks: FlowBlock[] = [];
  let inline: Item[] = [];
  let spanned: Item[] = [];
  let length = 0;
  const finish = (chain: string[], self: string | null, leaf: Record<string, unknown> | null) => {
    blocks.push({ chain, self, leaf, inline, items: spanned, length });
    inline = [];
    spanned = [];
    length = 0;
  };
  const paragraphHere = (chain: string[]) => {
    if (inline.length > 0) finish(chain, DEFAULT_BLOCK, null);
  };
  for (const item of items) {
    const attributes = item.attributes ?? {};
    if (typeof item.insert !== 'string') {
      const chain = BLOCK in attributes ? parseChain(attributes[BLOCK]) : null;
      const read = withAttributes(item.insert, only(attributes, chain ? BLOCK_OBJECT : INLINE_OBJECT));
      if (chain) paragraphHere(chain);
      spanned.push(read);
      length += 1;
      if (chain) finish(chain, null, objectJson(read));
      else inline.push(read);
      continue;
    }
    const text = without(attributes, BLOCK, OBJECT);
    const end = only(attributes, [BLOCK]);
    const parts = item.insert.split(BLOCK_END);
    parts.forEach((part, index) => {
      if (part.length > 0) {
        // Yjs may leave two neighbouring runs with equal attributes; they are one run here.
        const last = inline[inline.length - 1];
        if (
          last &&
          last === spanned[spanned.length - 1] &&
          typeof last.insert === 'string' &&
          sameAttributes(last.attributes, text)
        ) {
          last.insert += part;
        } else {
          const piece = withAttributes(part, text);
          inline.push(piece);
          spanned.push(piece);
        }
        length += part.length;
      }
      if (index === parts.length - 1) return;
      spanned.push(withAttributes(BLOCK_END, end));
      length += 1;
      const chain = parseChain(attributes[BLOCK]);
      const self = chain?.pop() ?? DEFAULT_BLOCK;
      finish(chain ?? [], self, null);
    });
  }
  if (inline.length > 0) finish([], DEFAULT_BLOCK, null);
  return blocks;
}

const identities = new Map<string, string>();

/**
 * Which container an entry of a chain names. A container is its id, whatever its other fields say
 * (two machines may have set different ones); adjacent lists of one kind are one list, as Lexical
 * merges them, so the flow reads as exactly the nodes an editor keeps.
 */
function identity(entry: string): string {
  let found = identities.get(entry);
  if (found !== undefined) return found;
  const json = parseJson(entry);
  found =
    json.type === 'list' ? `list:${String(json.listType)}` : typeof json[ID] === 'string' ? `id:${json[ID]}` : entry;
  if (identities.size > 10_000) identities.clear();
  identities.set(entry, found);
  return found;
}

/** The entry of the container that holds `block` at `depth`, if it has one there. */
function containerAt(block: FlowBlock, depth: number): string | null {
  if (block.chain.length > depth) return block.chain[depth]!;
  if (block.chain.length === depth && block.self && block.self.includes(`"${ID}"`)) return block.self;
  return null;
}

/** The top-level units of a flow: each becomes one child of the root. */
export function groupTopLevel(blocks: readonly FlowBlock[]): FlowBlock[][] {
  const units: FlowBlock[][] = [];
  let current: string | null = null;
  for (const block of blocks) {
    const entry = containerAt(block, 0);
    const container = entry === null ? null : identity(entry);
    if (container !== null && container === current) units[units.length - 1]!.push(block);
    else units.push([block]);
    current = container;
  }
  return units;
}

type Json = Record<string, unknown>;

const parseJson = (text: string): Json => JSON.parse(text) as Json;

function inlineJson(items: readonly Item[], depth = 0): SerializedLexicalNode[] {
  const out: SerializedLexicalNode[] = [];
  let index = 0;
  while (index < items.length) {
    const item = items[index]!;
    const chain = parseChain(item.attributes?.[INLINE]) ?? [];
    if (chain.length > depth) {
      const container = chain[depth]!;
      const key = identity(container);
      let end = index + 1;
      while (end < items.length) {
        const next = (parseChain(items[end]!.attributes?.[INLINE]) ?? [])[depth];
        if (next === undefined || identity(next) !== key) break;
        end++;
      }
      out.push({ ...parseJson(container), children: inlineJson(items.slice(index, end), depth + 1) } as never);
      index = end;
      continue;
    }
    index++;
    if (typeof item.insert !== 'string') {
      out.push(objectJson(item) as unknown as SerializedLexicalNode);
      continue;
    }
    const attributes = item.attributes ?? {};
    let format = 0;
    for (const key of Object.keys(attributes)) {
      if (key.startsWith(FORMAT_BIT) && attributes[key] === true) format |= Number(key.slice(FORMAT_BIT.length)) || 0;
    }
    let extra: Json = parseJson(DEFAULT_TEXT_EXTRA);
    if (typeof attributes[TEXT_EXTRA] === 'string') {
      try {
        extra = parseJson(attributes[TEXT_EXTRA]);
      } catch {
        // A text run whose extra fields do not parse keeps its letters as plain text.
      }
    }
    const letters = item.insert.replace(new RegExp(TEXT_NEWLINE, 'g'), '\n');
    // A tab is a node of its own per letter; the flow merges equal neighbours, Lexical does not.
    const pieces = extra.type === 'tab' ? [...letters] : [letters];
    for (const piece of pieces) out.push({ ...extra, format, text: piece } as never);
  }
  return out;
}

/**
 * The JSON of the nodes `blocks` make at `depth`. Containers keep their flow id in the JSON (Lexical
 * ignores fields it does not know) so that `recordIds` can map the built nodes to them.
 */
function blocksJson(blocks: readonly FlowBlock[], depth: number): SerializedLexicalNode[] {
  const out: SerializedLexicalNode[] = [];
  let index = 0;
  while (index < blocks.length) {
    const block = blocks[index]!;
    const container = containerAt(block, depth);
    if (container !== null) {
      const key = identity(container);
      let end = index + 1;
      while (end < blocks.length) {
        const next = containerAt(blocks[end]!, depth);
        if (next === null || identity(next) !== key) break;
        end++;
      }
      const members = blocks.slice(index, end);
      const json = parseJson(container);
      const children: SerializedLexicalNode[] = [];
      let run = index;
      // Members at this depth are the container's own inline text; deeper ones are its blocks.
      for (let k = 0; k <= members.length; k++) {
        const member = members[k];
        const own = member !== undefined && member.chain.length === depth;
        if (member !== undefined && !own) continue;
        const deeper = blocks.slice(run, index + k);
        if (deeper.length > 0) children.push(...blocksJson(deeper, depth + 1));
        if (member) children.push(...inlineJson(member.inline));
        run = index + k + 1;
      }
      out.push({ ...json, children } as never);
      index = end;
      continue;
    }
    index++;
    if (block.leaf) out.push(block.leaf as unknown as SerializedLexicalNode);
    else out.push({ ...parseJson(block.self ?? DEFAULT_BLOCK), children: inlineJson(block.inline) } as never);
  }
  return out;
}

/** The JSON of the top-level node `unit` makes. */
export function unitJson(unit: readonly FlowBlock[]): SerializedLexicalNode {
  return blocksJson(unit, 0)[0]!;
}

/** A stable string for a unit's items, to tell whether two readings of a unit are the same. */
export function signature(items: readonly Item[]): string {
  const merged: Item[] = [];
  for (const item of items) {
    const last = merged[merged.length - 1];
    if (
      last &&
      typeof last.insert === 'string' &&
      typeof item.insert === 'string' &&
      sameAttributes(last.attributes, item.attributes)
    ) {
      merged[merged.length - 1] = { ...last, insert: last.insert + item.insert };
    } else {
      merged.push(item);
    }
  }
  return JSON.stringify(
    merged.map((item) => [
      item.insert,
      Object.keys(item.attributes ?? {})
        .sort()
        .map((key) => [key, item.attributes![key]]),
    ]),
  );
}

/** Notes the ids of the containers a unit's JSON built, walking the built node alongside. */
export function recordIds(node: LexicalNode, json: SerializedLexicalNode, ids: ContainerIds): void {
  const record = json as unknown as Json;
  if (typeof record[ID] === 'string') ids.set(node.getKey(), record[ID]);
  const children = record.children;
  if (!$isElementNode(node) || !Array.isArray(children)) return;
  const built: LexicalNode[] = (node as ElementNode).getChildren();
  children.forEach((child: SerializedLexicalNode, index) => {
    const match = built[index];
    if (match) recordIds(match, child, ids);
  });
}
