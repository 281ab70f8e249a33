import { z } from 'zod';
import { text } from './api/fields';
import { EDITOR_NODE_TYPES } from './lexical/json';
import { LINK_URL } from './links';

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
