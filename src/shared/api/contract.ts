import { z } from 'zod';
import {
  ARTICLE_STATUSES,
  ROLES,
  acceptEditorState,
  editorStateInputSchema,
  editorStateSchema,
  LIMITS,
  passwordEntrySchema,
  passwordSchema,
  personNameSchema,
  shortTextSchema,
  userSchema,
  usernameSchema,
} from '../domain';
import {
  ACTIONS,
  articleForCallerSchema,
  commentThreadSchema,
  diffTokenSchema,
  revisionRefSchema,
  revisionSummarySchema,
  reviewedArticleSchema,
  reviewedArticleSummarySchema,
  textAnchorInputSchema,
  workflowEventSchema,
  refusedEventSchema,
} from '../review';
import { proofreadContract } from '../proofreadApi';
import { publishingContract } from '../publishing';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../slug';
import { workflowSettingsSchema } from '../workflow';
import { organisationSchema } from '../organisation';
import { categoryChoicesSchema, categoryListSchema, categoryNameSchema } from '../categories';
import {
  backupFileSchema,
  backupNameSchema,
  backupSettingsSchema,
  backupStatusSchema,
  integritySchema,
} from '../backup';
import { updateSettingsSchema } from '../updates';
import { recoveryExportSchema, recoveryRestoreSchema, recoveryStatusSchema } from '../recovery';
import { searchInputSchema, searchOutputSchema } from '../search';
import { empty, ok, text, uuid, type MethodSpec } from './fields';
import type { MethodName } from './methods';

const imageHash = z.string().regex(/^[0-9a-f]{64}$/);
const imageInfoSchema = z.object({
  hash: imageHash,
  mime: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  webWidth: z.number().int().positive(),
  webHeight: z.number().int().positive(),
});
const note = text(5000, { trim: true });
const commentBody = text(10_000, { trim: true, min: 1 });
const sessionResult = z.object({ session: z.string().min(32), user: userSchema });

const newAccount = z
  .object({
    username: usernameSchema,
    displayName: personNameSchema,
    password: passwordSchema,
    byline: shortTextSchema.optional(),
    unit: shortTextSchema.optional(),
  })
  .strict();

const articleSaveInput = z
  .object({
    id: uuid,
    /** The version the editor started from; a different stored version is a conflict. */
    baseVersion: z.number().int().positive(),
    title: text(LIMITS.title),
    summary: text(LIMITS.summary),
    body: editorStateInputSchema,
    /** Metadata that is part of what gets signed; left out, the stored value stays. */
    byline: text(200).optional(),
    category: text(200).optional(),
    tags: z
      .array(text(100, { trim: true, min: 1 }))
      .max(50)
      .optional(),
    /** The page address on the site; '' derives one from the title when the article is submitted. */
    slug: z.union([z.string().regex(SLUG_PATTERN).max(SLUG_MAX_LENGTH), z.literal('')]).optional(),
    featuredImage: imageHash.nullable().optional(),
  })
  .strict();

/** The same fields with the body taken as it comes: `acceptEditorState` checks it. */
const articleSaveFields = articleSaveInput.extend({ body: z.unknown() });

/**
 * An autosave sends the whole body every few seconds. Its fields are checked by the schema; its body
 * in one walk that copies nothing (`acceptEditorState`). Anything either is unsure of goes to
 * `articleSaveInput`, which decides and says why it refuses.
 */
function acceptArticleSave(input: unknown): z.output<typeof articleSaveInput> | undefined {
  const fields = articleSaveFields.safeParse(input);
  if (!fields.success) return undefined;
  const body = acceptEditorState(fields.data.body);
  return body ? { ...fields.data, body } : undefined;
}

/**
 * The API contract: for every method, the schema of its input and of its output (and for the
 * autosave a quicker check of its input that answers as the schema does). Its keys are the
 * API's method names (`MethodName` in ./methods.ts derives from them). Both transports (Electron
 * IPC and the web host) validate against exactly this. Proofreading and publishing keep their
 * entries beside their other schemas, written the same way with the builders of ./fields.ts.
 */
export const contract = {
  'setup.status': { input: empty, output: z.object({ needsAdmin: z.boolean() }) },
  'setup.createAdmin': { input: newAccount, output: sessionResult },
  'auth.login': {
    input: z.object({ username: text(64, { trim: true, min: 1 }), password: passwordEntrySchema }).strict(),
    output: sessionResult,
  },
  'auth.logout': { input: empty, output: ok },
  'auth.me': { input: empty, output: userSchema.extend({ can: z.array(z.enum(ACTIONS)) }) },
  'auth.changePassword': {
    input: z.object({ currentPassword: passwordEntrySchema, newPassword: passwordSchema }).strict(),
    output: ok,
  },
  'users.list': { input: empty, output: z.object({ items: z.array(userSchema) }) },
  'users.create': {
    input: newAccount.extend({ role: z.enum(ROLES) }).strict(),
    output: userSchema,
  },
  'users.update': {
    input: z
      .object({
        id: uuid,
        displayName: personNameSchema.optional(),
        byline: shortTextSchema.optional(),
        unit: shortTextSchema.optional(),
        /** Only an administrator may change a role, and not their own. */
        role: z.enum(ROLES).optional(),
      })
      .strict(),
    output: userSchema,
  },
  'users.disable': { input: z.object({ id: uuid }).strict(), output: userSchema },
  'users.enable': { input: z.object({ id: uuid }).strict(), output: userSchema },
  'users.resetPassword': { input: z.object({ id: uuid, password: passwordSchema }).strict(), output: userSchema },
  'articles.list': { input: empty, output: z.object({ items: z.array(reviewedArticleSummarySchema) }) },
  'articles.get': { input: z.object({ id: uuid }).strict(), output: articleForCallerSchema },
  'articles.create': {
    input: z.object({ title: text(LIMITS.title).optional() }).strict(),
    output: reviewedArticleSchema,
  },
  'articles.save': {
    input: articleSaveInput,
    accept: acceptArticleSave,
    output: z.object({
      version: z.number().int().positive(),
      updatedAt: z.iso.datetime({ offset: true }),
      status: z.enum(ARTICLE_STATUSES),
      /** True when this save voided an approval and sent the article back to review. */
      approvalVoided: z.boolean(),
    }),
  },
  'articles.search': { input: searchInputSchema, output: searchOutputSchema },
  'workflow.submit': {
    input: z.object({ articleId: uuid, note: note.optional() }).strict(),
    output: reviewedArticleSchema,
  },
  /** The author takes her article back from review to change it. */
  'workflow.retract': {
    input: z.object({ articleId: uuid, note: note.optional() }).strict(),
    output: reviewedArticleSchema,
  },
  'workflow.settings.get': { input: empty, output: workflowSettingsSchema },
  /** Who the office is; public, for the setup screen before any account exists. */
  'organisation.get': { input: empty, output: organisationSchema },
  'organisation.set': { input: organisationSchema, output: organisationSchema },
  'categories.list': { input: empty, output: categoryChoicesSchema },
  'categories.set': { input: categoryListSchema, output: categoryChoicesSchema },
  'categories.add': {
    input: z.object({ name: categoryNameSchema }).strict(),
    output: categoryChoicesSchema.extend({ name: z.string() }),
  },
  'backup.status': { input: empty, output: backupStatusSchema },
  'backup.settings.set': { input: backupSettingsSchema, output: backupStatusSchema },
  'backup.now': { input: empty, output: backupFileSchema },
  'backup.restore': { input: z.object({ file: backupNameSchema }).strict(), output: backupStatusSchema },
  'backup.check': { input: empty, output: integritySchema },
  /** The workstation's log, as a text file to send to whoever supports the office. */
  /** Public: the first thing the app asks, to know whether to show the recovery screen. */
  'recovery.status': { input: empty, output: recoveryStatusSchema },
  'recovery.restore': { input: recoveryRestoreSchema, output: recoveryStatusSchema },
  'recovery.export': { input: empty, output: recoveryExportSchema },
  'updates.get': { input: empty, output: updateSettingsSchema },
  'updates.set': { input: updateSettingsSchema, output: updateSettingsSchema },
  'logs.export': { input: empty, output: z.object({ fileName: z.string(), text: z.string() }) },
  'workflow.settings.set': { input: workflowSettingsSchema, output: workflowSettingsSchema },
  'workflow.requestChanges': {
    input: z.object({ articleId: uuid, note: text(5000, { trim: true, min: 1 }) }).strict(),
    output: reviewedArticleSchema,
  },
  'workflow.approve': {
    input: z
      .object({
        articleId: uuid,
        /** The version the approver read: approving signs exactly that text or nothing. */
        version: z.number().int().positive(),
        /** The approver's password unlocks their signing key. */
        password: passwordEntrySchema,
        note: note.optional(),
      })
      .strict(),
    output: reviewedArticleSchema,
  },
  'workflow.publish': { input: z.object({ articleId: uuid }).strict(), output: reviewedArticleSchema },
  'workflow.withdraw': {
    input: z.object({ articleId: uuid, note: note.optional() }).strict(),
    output: reviewedArticleSchema,
  },
  'workflow.schedule': {
    input: z.object({ articleId: uuid, at: z.iso.datetime({ offset: true }), note: note.optional() }).strict(),
    output: reviewedArticleSchema,
  },
  'workflow.history': {
    input: z.object({ articleId: uuid }).strict(),
    output: z.object({ items: z.array(workflowEventSchema), refused: z.array(refusedEventSchema) }),
  },
  'comments.add': {
    input: z
      .object({ articleId: uuid, anchor: textAnchorInputSchema.nullable().optional(), body: commentBody })
      .strict(),
    output: commentThreadSchema,
  },
  'comments.reply': {
    input: z.object({ commentId: uuid, body: commentBody }).strict(),
    output: commentThreadSchema,
  },
  'comments.resolve': { input: z.object({ commentId: uuid }).strict(), output: commentThreadSchema },
  'comments.list': {
    input: z.object({ articleId: uuid }).strict(),
    output: z.object({ items: z.array(commentThreadSchema) }),
  },
  'review.queue': {
    input: empty,
    output: z.object({
      /** For editors and heads: submitted articles waiting for review, oldest first. */
      waiting: z.array(reviewedArticleSummarySchema),
      /** For the caller as author: their articles that came back with changes requested. */
      returned: z.array(reviewedArticleSummarySchema),
      /** Articles the caller may see, per status. */
      counts: z.record(z.enum(ARTICLE_STATUSES), z.number().int().nonnegative()),
    }),
  },
  'revisions.list': {
    input: z.object({ articleId: uuid }).strict(),
    output: z.object({ items: z.array(revisionSummarySchema) }),
  },
  'revisions.get': {
    input: z.object({ id: uuid }).strict(),
    output: revisionSummarySchema.extend({ summary: z.string(), body: editorStateSchema, bodyText: z.string() }),
  },
  'revisions.compare': {
    input: z.object({ articleId: uuid, from: revisionRefSchema, to: revisionRefSchema.default('current') }).strict(),
    output: z.object({
      /** The revision compared from; null for 'current'. */
      from: revisionSummarySchema.nullable(),
      to: revisionSummarySchema.nullable(),
      title: z.array(diffTokenSchema),
      summary: z.array(diffTokenSchema),
      body: z.array(diffTokenSchema),
    }),
  },
  'revisions.restore': {
    input: z.object({ revisionId: uuid, baseVersion: z.number().int().positive() }).strict(),
    output: reviewedArticleSchema,
  },
  'images.upload': {
    // Base64 of at most 11 MB of image bytes; the core checks what the bytes really are.
    input: z.object({ data: z.base64().max(15_400_000) }).strict(),
    output: imageInfoSchema,
  },
  'images.get': {
    input: z.object({ hash: imageHash, rendition: z.enum(['web', 'original']).default('web') }).strict(),
    output: z.object({ mime: z.string(), data: z.base64() }),
  },
  'office.status': {
    input: empty,
    output: z.object({
      /** none: this workstation belongs to no office; the rest say where it stands with the office server. */
      state: z.enum(['synced', 'syncing', 'offline', 'none']),
      server: z.string().nullable(),
      lastSyncAt: z.iso.datetime({ offset: true }).nullable(),
      pendingChanges: z.number().int().nonnegative(),
      problem: z.string().nullable(),
      /** Articles whose first sync on this connection has not ended (a join's progress). */
      articlesToSync: z.number().int().nonnegative(),
    }),
  },
  /**
   * Where this workstation stands with the office, for the administrator's screen: `holder` when it
   * created the office (it holds the office key and makes invitations), `member` when it joined one.
   * `officeKey` is the fingerprint of this workstation's office key, if it has one (the server is
   * started with it).
   */
  'office.info': {
    input: empty,
    output: z.object({
      membership: z.enum(['none', 'member', 'holder']),
      server: z.string().nullable(),
      officeKey: z.string().nullable(),
    }),
  },
  /** Makes this workstation's office key if it has none; returns its fingerprint, for starting the server. */
  'office.prepare': { input: empty, output: z.object({ officeKey: z.string() }) },
  /**
   * "Tạo phòng làm việc chung": this workstation becomes the office on the server the administrator
   * started (its BIENTAP_SERVER_URL and BIENTAP_SERVER_CERT lines); her password opens her key, with
   * which the workstation signs in to the server and sends every account and article.
   */
  'office.create': {
    input: z
      .object({
        server: z.string().trim().min(1).max(300),
        cert: z.string().trim().min(1).max(200),
        password: passwordEntrySchema,
      })
      .strict(),
    output: z.object({ server: z.string(), accounts: z.number().int().nonnegative() }),
  },
  /** A one-time invitation line for one new workstation (only on the workstation holding the office key). */
  'office.invite': {
    input: z.object({ password: passwordEntrySchema, hours: z.number().positive().max(720).optional() }).strict(),
    output: z.object({ line: z.string(), expiresAt: z.iso.datetime({ offset: true }) }),
  },
  /**
   * "Tham gia phòng": a new workstation (no account yet) joins the office with an invitation line;
   * the office's accounts come down and each person signs in with her usual password.
   */
  'office.join': {
    input: z.object({ invitation: z.string().trim().min(1).max(20_000) }).strict(),
    output: z.object({ server: z.string(), accounts: z.number().int().nonnegative() }),
  },
  /**
   * The live editor's link to the article's shared document (office workstations only): sends what
   * was typed here since the last call (a Yjs update, acknowledged once it is on disk) and returns
   * what this editor lacks, given its state vector. `shared: false`: the article is not shared with
   * an office (a single workstation): the editor saves with articles.save as always.
   */
  'collab.sync': {
    input: z
      .object({
        articleId: uuid,
        /** Names this editor in `collab.changed`, so it does not fetch back what it just sent. */
        session: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
        stateVector: z.base64().max(1_000_000),
        /** Within the request limit, as an image upload is; a larger paste is sent in several. */
        update: z.base64().max(15_400_000).optional(),
        /** The editor is closing: the others stop seeing this person among those viewing. */
        leaving: z.boolean().optional(),
      })
      .strict(),
    output: z.object({
      shared: z.boolean(),
      update: z.base64(),
      version: z.number().int().positive(),
      status: z.enum(ARTICLE_STATUSES),
      approvalVoided: z.boolean(),
      /** Who else has the article open, here or on other workstations (display names). */
      viewers: z.array(z.string()),
    }),
  },
  ...proofreadContract,
  ...publishingContract,
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
