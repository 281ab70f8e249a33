import { z } from 'zod';
import { empty, isoTime, ok, text, uuid, type MethodSpec } from './api/fields';
import { isAbsoluteFolder } from './paths';

/**
 * Publishing as the API shows it: the sites an administrator configured, and for every article
 * and site where the article stands (queued, sending, published with its address, failed with
 * the reason, or in conflict with a change made on the site).
 */

export const TARGET_KINDS = ['static', 'wordpress'] as const;

/** A site on this machine may be reached over http://: nothing leaves it. */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** An address over plain http:// to another machine: the application password would cross the network in the clear. */
export function needsEncryption(siteUrl: string): boolean {
  // No URL parser here: this module also runs where there is none (the reader's verifier shares it).
  const match = /^http:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]+)/i.exec(siteUrl.trim());
  return match !== null && !isLoopback(match[1]!);
}

export const PLAIN_HTTP_REFUSED =
  'Địa chỉ http:// không mã hóa: mật khẩu ứng dụng sẽ đi qua mạng không được bảo vệ. Hãy dùng địa chỉ https://, hoặc đánh dấu “Cho phép kết nối không mã hóa” nếu đây là mạng nội bộ tin cậy.';
export type TargetKind = (typeof TARGET_KINDS)[number];

/**
 * A site's settings, built on the string schema `str`: stored settings read back as they were
 * saved, while what an administrator sends is held to the rules for text sent.
 */
function configSchemas(str: (max: number, options?: { trim?: boolean; min?: number }) => z.ZodString, sent: boolean) {
  /** http(s) only: a site address is fetched by the worker and shown as a link. */
  const siteUrl = str(500, { trim: true })
    .regex(/^https?:\/\/[^\s/]+/i, 'Địa chỉ trang phải bắt đầu bằng http:// hoặc https://.')
    .transform((value) => value.replace(/\/+$/, ''));
  const folder = str(1000, { trim: true, min: 1 });
  const staticConfig = z
    .object({
      kind: z.literal('static'),
      /**
       * Absolute folder on this machine the site is written to. The core checks, when it is
       * saved, that it can create and write it and that it is not the data folder.
       */
      folder: sent
        ? folder.refine(
            isAbsoluteFolder,
            'Thư mục trang tĩnh phải là đường dẫn đầy đủ (ví dụ /srv/www/bientap hoặc D:\\Website). Hãy nhập lại đường dẫn.',
          )
        : folder,
      /** Where the folder is served, for the public links and the feed; empty for a folder read as files. */
      baseUrl: z.union([siteUrl, z.literal('')]).default(''),
      siteTitle: str(200, { trim: true }).default(''),
    })
    .strict();
  const wordPressConfig = z
    .object({
      kind: z.literal('wordpress'),
      siteUrl,
      user: str(200, { trim: true, min: 1 }),
      /**
       * The administrator's explicit choice to publish over plain http:// to another machine: the
       * application password then crosses the network unprotected.
       */
      allowPlainHttp: z.boolean().default(false),
    })
    .strict()
    .refine((config) => !sent || config.allowPlainHttp || !needsEncryption(config.siteUrl), {
      message: PLAIN_HTTP_REFUSED,
      path: ['siteUrl'],
    });
  return z.discriminatedUnion('kind', [staticConfig, wordPressConfig]);
}

function storedString(max: number, options: { trim?: boolean; min?: number } = {}): z.ZodString {
  let schema = z.string();
  if (options.trim) schema = schema.trim();
  schema = schema.max(max);
  return options.min !== undefined ? schema.min(options.min) : schema;
}

/** A site's settings as stored and shown. */
export const targetConfigSchema = configSchemas(storedString, false);
export type TargetConfig = z.infer<typeof targetConfigSchema>;

/** A site's settings as an administrator sends them. */
export const targetConfigInputSchema = configSchemas(text, true);

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
    name: text(200, { trim: true, min: 1 }),
    enabled: z.boolean(),
    config: targetConfigInputSchema,
    /** A WordPress application password; absent keeps the stored one. */
    secret: text(500, { min: 1 }).optional(),
  })
  .strict();

export const OUTBOX_STATES = ['queued', 'sending', 'done', 'failed', 'conflict', 'superseded'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

const progressSchema = z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() });

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
  /** While it is being sent, how far it has come (a whole static site rendered again); otherwise null. */
  progress: progressSchema.nullable(),
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
  /**
   * Where the article will be read once published: its current address there, or the one the site
   * will give it; null when the site picks it on publishing (WordPress) or the article has no page
   * address yet.
   */
  expectedUrl: z.string().nullable(),
  progress: progressSchema.nullable(),
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

/** The publishing methods, spread into the API contract (src/shared/api/contract.ts). */
export const publishingContract = {
  'publishing.targets.list': { input: empty, output: z.object({ items: z.array(targetSchema) }) },
  'publishing.targets.save': { input: targetInputSchema, output: targetSchema },
  'publishing.targets.remove': { input: z.object({ id: uuid }).strict(), output: ok },
  'publishing.status': { input: byArticle, output: z.object({ items: z.array(placementSchema) }) },
  'publishing.queue': { input: empty, output: queueSchema },
  'publishing.retry': { input: byEntry, output: outboxEntrySchema },
  'publishing.conflict': { input: byEntry, output: conflictSchema },
  'publishing.resolve': {
    input: z.object({ entryId: uuid, choice: z.enum(['overwrite', 'keepRemote']) }).strict(),
    output: outboxEntrySchema,
  },
  'publishing.preview': { input: byArticle, output: z.object({ html: z.string() }) },
} as const satisfies Record<string, MethodSpec>;
