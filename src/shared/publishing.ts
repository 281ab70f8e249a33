import { z } from 'zod';

/**
 * Publishing as the API shows it: the sites an administrator configured, and for every article
 * and site where the article stands (queued, sending, published with its address, failed with
 * the reason, or in conflict with a change made on the site).
 */

export const TARGET_KINDS = ['static', 'wordpress'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

const isoTime = z.iso.datetime({ offset: true });
const uuid = z.uuid();

/** http(s) only: a site address is fetched by the worker and shown as a link. */
const siteUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^\s/]+/i, 'Địa chỉ trang phải bắt đầu bằng http:// hoặc https://.')
  .transform((value) => value.replace(/\/+$/, ''));

export const staticConfigSchema = z
  .object({
    kind: z.literal('static'),
    /** Absolute folder on this machine the site is written to. */
    folder: z.string().trim().min(1).max(1000),
    /** Where the folder is served, for the public links and the feed; empty for a folder read as files. */
    baseUrl: z.union([siteUrl, z.literal('')]).default(''),
    siteTitle: z.string().trim().max(200).default(''),
  })
  .strict();

export const wordPressConfigSchema = z
  .object({
    kind: z.literal('wordpress'),
    siteUrl,
    user: z.string().trim().min(1).max(200),
  })
  .strict();

export const targetConfigSchema = z.discriminatedUnion('kind', [staticConfigSchema, wordPressConfigSchema]);
export type TargetConfig = z.infer<typeof targetConfigSchema>;

export const targetSchema = z.object({
  id: uuid,
  name: z.string(),
  enabled: z.boolean(),
  config: targetConfigSchema,
  /** Whether a credential is stored; the credential itself never leaves the core. */
  hasSecret: z.boolean(),
});
export type PublishTarget = z.infer<typeof targetSchema>;

export const targetInputSchema = z
  .object({
    /** Absent: a new site. */
    id: uuid.optional(),
    name: z.string().trim().min(1).max(200),
    enabled: z.boolean(),
    config: targetConfigSchema,
    /** A WordPress application password; absent keeps the stored one. */
    secret: z.string().min(1).max(500).optional(),
  })
  .strict();

export const OUTBOX_STATES = ['queued', 'sending', 'done', 'failed', 'conflict', 'superseded'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export const outboxEntrySchema = z.object({
  id: uuid,
  articleId: uuid,
  articleTitle: z.string(),
  targetId: uuid,
  targetName: z.string(),
  action: z.enum(['publish', 'withdraw']),
  state: z.enum(OUTBOX_STATES),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: isoTime,
  lastError: z.string().nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/** One article on one site: the newest request and, once it has been there, the public address. */
export const placementSchema = z.object({
  targetId: uuid,
  targetName: z.string(),
  state: z.enum(OUTBOX_STATES).nullable(),
  entryId: uuid.nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: isoTime.nullable(),
  url: z.string().nullable(),
  syncedAt: isoTime.nullable(),
});
export type Placement = z.infer<typeof placementSchema>;

export const queueSchema = z.object({
  items: z.array(outboxEntrySchema),
  counts: z.record(z.enum(OUTBOX_STATES), z.number().int().nonnegative()),
});

export const conflictSchema = z.object({
  entryId: uuid,
  local: z.object({ title: z.string(), html: z.string() }),
  remote: z.object({ title: z.string(), html: z.string(), url: z.string(), remoteModified: z.string() }).nullable(),
});
export type Conflict = z.infer<typeof conflictSchema>;

const byArticle = z.object({ articleId: uuid }).strict();
const byEntry = z.object({ entryId: uuid }).strict();

/** The publishing methods, spread into the API contract. */
export const publishingContract = {
  'publishing.targets.list': { input: z.object({}).strict(), output: z.object({ items: z.array(targetSchema) }) },
  'publishing.targets.save': { input: targetInputSchema, output: targetSchema },
  'publishing.targets.remove': { input: z.object({ id: uuid }).strict(), output: z.object({ ok: z.literal(true) }) },
  'publishing.status': { input: byArticle, output: z.object({ items: z.array(placementSchema) }) },
  'publishing.queue': { input: z.object({}).strict(), output: queueSchema },
  'publishing.retry': { input: byEntry, output: outboxEntrySchema },
  'publishing.conflict': { input: byEntry, output: conflictSchema },
  'publishing.resolve': {
    input: z.object({ entryId: uuid, choice: z.enum(['overwrite', 'keepRemote']) }).strict(),
    output: outboxEntrySchema,
  },
  'publishing.preview': { input: byArticle, output: z.object({ html: z.string() }) },
} as const;
