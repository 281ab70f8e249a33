import { z } from 'zod';
import { text } from './api/fields';
import { EDITOR_NODE_TYPES } from './lexical/json';
import { LINK_URL } from './links';
import { hasUnsafeCharacters } from './text';

export const ROLES = ['reporter', 'editor', 'head', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ARTICLE_STATUSES = [
  'draft',
  'submitted',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
  'withdrawn',
] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

const isoTime = z.iso.datetime({ offset: true });
const uuid = z.uuid();

export const LIMITS = {
  title: 500,
  summary: 3000,
  /** Characters of one text node; a 10,000-word article is about 70,000. */
  text: 500_000,
  /** All the text of one body together: about 140,000 words, fourteen times a long article. */
  bodyText: 1_000_000,
  /** Serialized editor state, in characters (counted without escapes). */
  bodyJson: 8_000_000,
  childrenPerNode: 50_000,
  /** Nodes in one body: a 10,000-word article with tables has a few thousand. */
  nodes: 100_000,
  /** Levels of nodes below the root: a table cell's paragraph is 4, each level of a nested list adds 2. */
  depth: 30,
  /** Properties of one node: Lexical writes about ten. */
  keysPerNode: 64,
  password: { min: 10, max: 256 },
} as const;

// The node types an article may hold are the editor's, defined once with its nodes.
export { EDITOR_NODE_TYPES } from './lexical/json';

export { LINK_URL } from './links';

export interface EditorNode {
  type: (typeof EDITOR_NODE_TYPES)[number];
  text?: string;
  children?: EditorNode[];
  [key: string]: unknown;
}

/** The editor state's shape, built on the string schema `str`. */
function editorSchemas(str: (max: number) => z.ZodString) {
  const attribute = z.union([str(200), z.number(), z.boolean(), z.null()]);
  const node: z.ZodType<EditorNode> = z.lazy(() =>
    z
      .object({
        type: z.enum(EDITOR_NODE_TYPES),
        text: str(LIMITS.text).optional(),
        children: z.array(node).max(LIMITS.childrenPerNode).optional(),
        // Links carry their address in full (a URL may be long); only safe schemes are stored.
        url: str(2000).regex(LINK_URL, 'Liên kết chỉ được dùng http, https hoặc mailto.').optional(),
        // An image is referenced by the SHA-256 of its stored bytes; its words may run longer than an attribute.
        hash: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .optional(),
        caption: str(1000).optional(),
        altText: str(1000).optional(),
        // A table's column widths, in pixels.
        colWidths: z.array(z.number().nonnegative().max(10_000)).max(100).optional(),
      })
      .catchall(attribute),
  );
  /** Lexical's serialized editor state: `{ root: { type: 'root', children: [...] } }`. */
  const state: z.ZodType<EditorState> = z.object({
    root: z
      .object({
        type: z.literal('root'),
        children: z.array(node).max(LIMITS.childrenPerNode),
      })
      .catchall(attribute),
  });
  return { node, state };
}

const stored = editorSchemas((max) => z.string().max(max));

/** A stored node, as the API answers it. */
export const editorNodeSchema = stored.node;

export interface EditorState {
  root: EditorNode & { type: 'root'; children: EditorNode[] };
}

/**
 * A stored editor state, as the API answers it. Text stored before the character rules were in
 * force still reads back; what an editor sends is checked by `editorStateInputSchema`.
 */
export const editorStateSchema = stored.state;

const TOO_MANY_NODES = `Nội dung bài có quá nhiều đoạn và thành phần (hơn ${LIMITS.nodes.toLocaleString('vi-VN')}). Hãy chia thành nhiều bài rồi thử lại.`;

/**
 * Why an editor state is too big to take, or null. Walks it once without recursion and stops at
 * the first limit passed, so an oversized body is refused in milliseconds, before the schema
 * checks every node and long before it is normalized, indexed and stored.
 */
export function editorStateTooLarge(value: unknown): string | null {
  const root = (value as { root?: unknown } | null)?.root;
  if (typeof root !== 'object' || root === null) return null;
  let nodes = 0;
  let textLength = 0;
  let weight = 0;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null || Array.isArray(node)) continue;
    if (++nodes > LIMITS.nodes) return TOO_MANY_NODES;
    if (depth > LIMITS.depth) {
      return `Nội dung bài lồng nhau quá sâu (hơn ${LIMITS.depth} tầng, thường do danh sách lồng trong danh sách). Hãy bớt tầng lồng rồi thử lại.`;
    }
    const keys = Object.keys(node);
    if (keys.length > LIMITS.keysPerNode) {
      return 'Nội dung bài có một thành phần không đúng định dạng. Hãy tải lại bài rồi thử lại.';
    }
    for (const key of keys) {
      const item = (node as Record<string, unknown>)[key];
      weight += key.length + 4;
      if (typeof item === 'string') {
        weight += item.length;
        if (key === 'text') textLength += item.length;
      } else if (key === 'children' && Array.isArray(item)) {
        // Counted before it is walked: one huge array is refused without stacking its items.
        if (nodes + stack.length + item.length > LIMITS.nodes) return TOO_MANY_NODES;
        for (const child of item) stack.push([child, depth + 1]);
      } else {
        weight += 8;
      }
    }
    if (textLength > LIMITS.bodyText) {
      return `Nội dung bài dài quá ${LIMITS.bodyText.toLocaleString('vi-VN')} ký tự. Hãy chia thành nhiều bài rồi thử lại.`;
    }
    if (weight > LIMITS.bodyJson) {
      return `Nội dung bài quá lớn để lưu (hơn ${LIMITS.bodyJson.toLocaleString('vi-VN')} ký tự). Hãy chia thành nhiều bài hoặc bớt bảng rồi thử lại.`;
    }
  }
  return null;
}

/**
 * An editor state as an editor may send it: measured first (size, node count, depth), then
 * checked node by node, every text free of control characters and lone surrogates.
 */
export const editorStateInputSchema: z.ZodType<EditorState> = z
  .unknown()
  .superRefine((value, ctx) => {
    const problem = editorStateTooLarge(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .pipe(editorSchemas((max) => text(max)).state);

const NODE_TYPES: ReadonlySet<unknown> = new Set(EDITOR_NODE_TYPES);
const IMAGE_HASH_PATTERN = /^[0-9a-f]{64}$/;

/** What one walk of `acceptEditorState` has added up so far: the measures of `editorStateTooLarge`. */
interface Tally {
  nodes: number;
  textLength: number;
  weight: number;
}

/** A string `text(max)` takes: short enough, no control character, no lone surrogate. */
function isText(value: unknown, max: number): boolean {
  return typeof value === 'string' && value.length <= max && !hasUnsafeCharacters(value);
}

/** A value the schemas' `attribute` takes: a short text, a finite number, a boolean or null. */
function isAttribute(value: unknown): boolean {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return isText(value, 200);
}

function isColumnWidths(value: unknown): boolean {
  if (!Array.isArray(value) || value.length > 100) return false;
  for (let i = 0; i < value.length; i++) {
    const width: unknown = value[i];
    if (typeof width !== 'number' || !Number.isFinite(width) || width < 0 || width > 10_000) return false;
  }
  return true;
}

/** One property of a node other than `root`, as the node schema checks it (`undefined` stands for an absent key). */
function isNodeProperty(key: string, value: unknown): boolean {
  switch (key) {
    case 'type':
      return NODE_TYPES.has(value);
    case 'text':
      return value === undefined || isText(value, LIMITS.text);
    case 'url':
      return value === undefined || (isText(value, 2000) && LINK_URL.test(value as string));
    case 'hash':
      return value === undefined || (typeof value === 'string' && IMAGE_HASH_PATTERN.test(value));
    case 'caption':
    case 'altText':
      return value === undefined || isText(value, 1000);
    case 'colWidths':
      return value === undefined || isColumnWidths(value);
    default:
      return isAttribute(value);
  }
}

/**
 * Whether `node` at `depth` passes, with everything below it, both `editorStateTooLarge` and the
 * node schema. Recursion is bounded: nothing deeper than `LIMITS.depth` is entered.
 */
function isAcceptedNode(node: unknown, depth: number, tally: Tally): boolean {
  if (typeof node !== 'object' || node === null || Object.getPrototypeOf(node) !== Object.prototype) return false;
  if (++tally.nodes > LIMITS.nodes || depth > LIMITS.depth) return false;
  const record = node as Record<string, unknown>;
  const isRoot = depth === 0;
  let keys = 0;
  let children: unknown = undefined;
  for (const key in record) {
    // An inherited key is read by the schema and not by the size check; `__proto__` is dropped from the schema's copy.
    if (!Object.hasOwn(record, key) || key === '__proto__') return false;
    if (++keys > LIMITS.keysPerNode) return false;
    const value = record[key];
    tally.weight += key.length + 4;
    if (typeof value === 'string') {
      tally.weight += value.length;
      if (key === 'text') tally.textLength += value.length;
    } else if (!(key === 'children' && Array.isArray(value))) {
      tally.weight += 8;
    }
    if (key === 'children') {
      if (value !== undefined && !Array.isArray(value)) return false;
      children = value;
    } else if (isRoot ? !(key === 'type' ? value === 'root' : isAttribute(value)) : !isNodeProperty(key, value)) {
      return false;
    }
  }
  if (!Object.hasOwn(record, 'type') || (isRoot && children === undefined)) return false;
  if (tally.textLength > LIMITS.bodyText || tally.weight > LIMITS.bodyJson) return false;
  if (children === undefined) return true;
  const items = children as unknown[];
  if (items.length > LIMITS.childrenPerNode || tally.nodes + items.length > LIMITS.nodes) return false;
  for (let i = 0; i < items.length; i++) {
    if (!isAcceptedNode(items[i], depth + 1, tally)) return false;
  }
  return true;
}

/**
 * The editor state itself when `editorStateInputSchema` would take it, else null. It answers for
 * the states editors send (plain JSON data) in one walk that copies nothing, where the schema
 * builds a copy of every node; whatever it is unsure of (an odd prototype, an `undefined` in an
 * attribute, any value the schema would refuse) it leaves to the schema, which then decides and
 * words the refusal. So it never takes what the schema refuses, and what it takes equals the
 * schema's answer: a state holding `root` alone (other top-level keys are dropped, as the schema does).
 */
export function acceptEditorState(value: unknown): EditorState | null {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return null;
  const root = (value as { root?: unknown }).root;
  if (!Object.hasOwn(value, 'root') || !isAcceptedNode(root, 0, { nodes: 0, textLength: 0, weight: 0 })) return null;
  for (const key in value) {
    if (key !== 'root') return { root } as EditorState;
  }
  return value as EditorState;
}

export const userSchema = z.object({
  id: uuid,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  byline: z.string(),
  unit: z.string(),
  disabled: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const articleSummarySchema = z.object({
  id: uuid,
  title: z.string(),
  status: z.enum(ARTICLE_STATUSES),
  authorId: uuid,
  authorName: z.string(),
  wordCount: z.number().int().nonnegative(),
  updatedAt: isoTime,
});
export type ArticleSummary = z.infer<typeof articleSummarySchema>;

export const articleSchema = articleSummarySchema.extend({
  summary: z.string(),
  body: editorStateSchema,
  bodyText: z.string(),
  version: z.number().int().positive(),
  createdAt: isoTime,
});
export type Article = z.infer<typeof articleSchema>;

export const usernameSchema = text(64, {
  trim: true,
  min: 3,
  minMessage: 'Tên đăng nhập cần ít nhất 3 ký tự.',
}).regex(/^[a-z0-9._-]+$/i, 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.');

export const passwordSchema = text(LIMITS.password.max, {
  min: LIMITS.password.min,
  minMessage: `Mật khẩu cần ít nhất ${LIMITS.password.min} ký tự.`,
});

/** A password as typed to prove who one is: any length the stored rules allowed. */
export const passwordEntrySchema = text(LIMITS.password.max, { min: 1, minMessage: 'Hãy nhập mật khẩu.' });

export const personNameSchema = text(200, { trim: true, min: 1 });

/** A byline, a unit, a category: short free text. */
export const shortTextSchema = text(200, { trim: true });
