import { z } from 'zod';

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
  /** Serialized editor state, in characters. */
  bodyJson: 8_000_000,
  childrenPerNode: 50_000,
  password: { min: 10, max: 256 },
} as const;

/**
 * Node types the editor may store. Anything else (from a hostile paste or a hand-written
 * payload) is refused before it reaches the database.
 */
export const EDITOR_NODE_TYPES = [
  'root',
  'paragraph',
  'text',
  'linebreak',
  'tab',
  'heading',
  'quote',
  'list',
  'listitem',
  'link',
  'horizontalrule',
  'table',
  'tablerow',
  'tablecell',
  'image',
] as const;

/** Where a link in an article may point: web pages and e-mail, nothing that runs or embeds. */
export const LINK_URL = /^(?:https?:\/\/|mailto:)/i;

export interface EditorNode {
  type: (typeof EDITOR_NODE_TYPES)[number];
  text?: string;
  children?: EditorNode[];
  [key: string]: unknown;
}

export const editorNodeSchema: z.ZodType<EditorNode> = z.lazy(() =>
  z
    .object({
      type: z.enum(EDITOR_NODE_TYPES),
      text: z.string().max(LIMITS.text).optional(),
      children: z.array(editorNodeSchema).max(LIMITS.childrenPerNode).optional(),
      // Links carry their address in full (a URL may be long); only safe schemes are stored.
      url: z.string().max(2000).regex(LINK_URL, 'Liên kết chỉ được dùng http, https hoặc mailto.').optional(),
      // An image is referenced by the SHA-256 of its stored bytes; its words may run longer than an attribute.
      hash: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .optional(),
      caption: z.string().max(1000).optional(),
      altText: z.string().max(1000).optional(),
      // A table's column widths, in pixels.
      colWidths: z.array(z.number().nonnegative().max(10_000)).max(100).optional(),
    })
    .catchall(z.union([z.string().max(200), z.number(), z.boolean(), z.null()])),
);

export interface EditorState {
  root: EditorNode & { type: 'root'; children: EditorNode[] };
}

/** Lexical's serialized editor state: `{ root: { type: 'root', children: [...] } }`. */
export const editorStateSchema: z.ZodType<EditorState> = z.object({
  root: z
    .object({
      type: z.literal('root'),
      children: z.array(editorNodeSchema).max(LIMITS.childrenPerNode),
    })
    .catchall(z.union([z.string().max(200), z.number(), z.boolean(), z.null()])),
});

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

export const usernameSchema = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9._-]+$/i, 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.');

export const passwordSchema = z
  .string()
  .min(LIMITS.password.min, `Mật khẩu cần ít nhất ${LIMITS.password.min} ký tự.`)
  .max(LIMITS.password.max);

export const personNameSchema = z.string().trim().min(1).max(200);
