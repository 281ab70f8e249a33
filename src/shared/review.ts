import { z } from 'zod';
import { ARTICLE_STATUSES, articleSchema, articleSummarySchema } from './domain';
import { text } from './api/fields';
import { WORKFLOW_ACTIONS } from './workflow';

/**
 * What a signed-in person may ask the core to do. The core's permission matrix decides who may
 * do which; the renderer receives the caller's list from `auth.me` and only hides what is refused.
 */
export const ACTIONS = [
  'session',
  'article.readOwn',
  'article.readOthers',
  'article.create',
  'article.editOwn',
  'article.editOthers',
  'article.submit',
  'article.retract',
  'article.comment',
  'article.requestChanges',
  'article.approve',
  'article.publish',
  'article.unpublish',
  'user.list',
  'user.manage',
  'settings.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

const isoTime = z.iso.datetime({ offset: true });
const uuid = z.uuid();

/** Kinds of entries in an article's append-only workflow log. */
export const WORKFLOW_EVENT_KINDS = [
  'submitted',
  'retracted',
  'changes_requested',
  'approved',
  'approval_voided',
  'scheduled',
  'published',
  'withdrawn',
] as const;
export type WorkflowEventKind = (typeof WORKFLOW_EVENT_KINDS)[number];

export const REVISION_KINDS = [
  'created',
  'autosave',
  'submitted',
  'changes_requested',
  'approved',
  'published',
  'restored',
] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

/** Why an approval no longer holds, when it does not. */
/** `replayed`: the approval event is a copy of an earlier one of the same article (same revision or signature). */
export const APPROVAL_PROBLEMS = ['content_changed', 'bad_signature', 'unknown_key', 'replayed'] as const;

/** The latest approval of an article, re-verified every time it is shown. */
export const approvalSchema = z.object({
  valid: z.boolean(),
  problem: z.enum(APPROVAL_PROBLEMS).nullable(),
  approverId: uuid,
  approverName: z.string(),
  approvedAt: isoTime,
  /** SHA-256 (hex) of the canonical content that was signed. */
  signedHash: z.string(),
  /** SHA-256 (hex) of the canonical content as it is now. */
  currentHash: z.string(),
  /** SHA-256 (hex) of the approver's public key. */
  keyFingerprint: z.string(),
  signature: z.string(),
});
export type Approval = z.infer<typeof approvalSchema>;

export const workflowEventSchema = z.object({
  id: uuid,
  kind: z.enum(WORKFLOW_EVENT_KINDS),
  actorId: uuid,
  actorName: z.string(),
  at: isoTime,
  fromStatus: z.enum(ARTICLE_STATUSES),
  toStatus: z.enum(ARTICLE_STATUSES),
  contentHash: z.string(),
  note: z.string(),
  revisionId: uuid.nullable(),
  keyFingerprint: z.string().nullable(),
  /** For approvals: whether the stored signature still verifies against the stored key. */
  signatureValid: z.boolean().nullable(),
  /** For scheduling: when the article is due to go out. */
  scheduledFor: isoTime.nullable(),
});
export type WorkflowEvent = z.infer<typeof workflowEventSchema>;

/**
 * On an office's workstation: an event or comment from the article's review document that the
 * fold kept out (core/review/fold.ts), with why. `forged`: no honest workstation makes it.
 */
export const refusedEventSchema = z.object({
  id: z.string().nullable(),
  kind: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string().nullable(),
  reason: z.string(),
  forged: z.boolean(),
});
export type RefusedEvent = z.infer<typeof refusedEventSchema>;

/** A W3C text-quote selector over the body's plain text: survives edits wherever the quoted text survives. */
export const textAnchorSchema = z
  .object({
    exact: z.string().min(1).max(2000),
    prefix: z.string().max(64),
    suffix: z.string().max(64),
  })
  .strict();
export type TextAnchor = z.infer<typeof textAnchorSchema>;

/**
 * An anchor as an editor sends it. The context around the quote is cut at a fixed length, which
 * may split an emoji: the half left at the outer edge is dropped, the rest must be clean text.
 */
export const textAnchorInputSchema = z
  .object({
    exact: text(2000, { min: 1 }),
    prefix: z
      .string()
      .max(64)
      .transform((value) => value.replace(/^[\uDC00-\uDFFF]/, ''))
      .pipe(text(64)),
    suffix: z
      .string()
      .max(64)
      .transform((value) => value.replace(/[\uD800-\uDBFF]$/, ''))
      .pipe(text(64)),
  })
  .strict();

export const commentReplySchema = z.object({
  id: uuid,
  body: z.string(),
  authorId: uuid,
  authorName: z.string(),
  at: isoTime,
});

export const commentThreadSchema = z.object({
  id: uuid,
  articleId: uuid,
  body: z.string(),
  authorId: uuid,
  authorName: z.string(),
  at: isoTime,
  anchor: textAnchorSchema.nullable(),
  /** Where the anchor lies in the current body text (UTF-16 offsets), or null when detached or unanchored. */
  position: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).nullable(),
  /** True when the quoted text is no longer in the body. */
  detached: z.boolean(),
  resolved: z.boolean(),
  resolvedBy: z.string().nullable(),
  resolvedAt: isoTime.nullable(),
  replies: z.array(commentReplySchema),
});
export type CommentThread = z.infer<typeof commentThreadSchema>;

export const revisionSummarySchema = z.object({
  id: uuid,
  articleId: uuid,
  kind: z.enum(REVISION_KINDS),
  articleVersion: z.number().int().positive(),
  authorId: uuid,
  authorName: z.string(),
  at: isoTime,
  title: z.string(),
});
export type RevisionSummary = z.infer<typeof revisionSummarySchema>;

export const diffTokenSchema = z.object({
  op: z.enum(['equal', 'insert', 'delete']),
  text: z.string(),
});
export type DiffToken = z.infer<typeof diffTokenSchema>;

/** A revision id, or a shortcut: the last approved revision, or the caller's last submission. */
export const revisionRefSchema = z.union([uuid, z.enum(['approved', 'my_submission', 'current'])]);
export type RevisionRef = z.infer<typeof revisionRefSchema>;

/** What every article listing shows about its review: the approval state, re-verified. */
export const APPROVAL_STATES = ['none', 'valid', 'invalid'] as const;

export const reviewedArticleSummarySchema = articleSummarySchema.extend({
  approval: z.enum(APPROVAL_STATES),
  /** Whether a version of this article is on the site (it may be under review again). */
  live: z.boolean(),
  scheduledFor: isoTime.nullable(),
});
export type ReviewedArticleSummary = z.infer<typeof reviewedArticleSummarySchema>;

export const reviewedArticleSchema = articleSchema.extend({
  approval: z.enum(APPROVAL_STATES),
  live: z.boolean(),
  scheduledFor: isoTime.nullable(),
  byline: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  slug: z.string(),
  featuredImage: z.string().nullable(),
  /** SHA-256 (hex) of the canonical form of what would be published now. */
  contentHash: z.string(),
  /** The latest approval, verified now; null when never approved. */
  latestApproval: approvalSchema.nullable(),
  /** The hash of what the site shows, kept while a new version is reviewed. */
  publishedHash: z.string().nullable(),
});
export type ReviewedArticle = z.infer<typeof reviewedArticleSchema>;

/** An article opened by one person: with the workflow actions the core lets them take on it now. */
/**
 * Whether the caller may change the text now: `open` as it is, `voidsApproval` only after saying
 * so (the article carries a sign-off the first save voids), `locked` not at all.
 */
export const EDIT_ACCESS = ['open', 'voidsApproval', 'locked'] as const;
export type EditAccess = (typeof EDIT_ACCESS)[number];

export const articleForCallerSchema = reviewedArticleSchema.extend({
  actions: z.array(z.enum(WORKFLOW_ACTIONS)),
  editing: z.enum(EDIT_ACCESS),
});
export type ArticleForCaller = z.infer<typeof articleForCallerSchema>;
