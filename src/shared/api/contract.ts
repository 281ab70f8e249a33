import { z } from 'zod';
import {
  ROLES,
  articleSchema,
  articleSummarySchema,
  editorStateSchema,
  LIMITS,
  passwordSchema,
  personNameSchema,
  userSchema,
  usernameSchema,
} from '../domain';
import type { MethodName } from './methods';

const uuid = z.uuid();
const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });
const sessionResult = z.object({ session: z.string().min(32), user: userSchema });

const newAccount = z
  .object({
    username: usernameSchema,
    displayName: personNameSchema,
    password: passwordSchema,
    byline: z.string().trim().max(200).optional(),
    unit: z.string().trim().max(200).optional(),
  })
  .strict();

/**
 * The API contract: for every method, the schema of its input and of its output.
 * Both transports (Electron IPC and the web host) validate against exactly this.
 */
export const contract = {
  'setup.status': { input: empty, output: z.object({ needsAdmin: z.boolean() }) },
  'setup.createAdmin': { input: newAccount, output: sessionResult },
  'auth.login': {
    input: z
      .object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(LIMITS.password.max) })
      .strict(),
    output: sessionResult,
  },
  'auth.logout': { input: empty, output: ok },
  'auth.me': { input: empty, output: userSchema },
  'users.list': { input: empty, output: z.object({ items: z.array(userSchema) }) },
  'users.create': {
    input: newAccount.extend({ role: z.enum(ROLES) }).strict(),
    output: userSchema,
  },
  'articles.list': { input: empty, output: z.object({ items: z.array(articleSummarySchema) }) },
  'articles.get': { input: z.object({ id: uuid }).strict(), output: articleSchema },
  'articles.create': {
    input: z.object({ title: z.string().max(LIMITS.title).optional() }).strict(),
    output: articleSchema,
  },
  'articles.save': {
    input: z
      .object({
        id: uuid,
        /** The version the editor started from; a different stored version is a conflict. */
        baseVersion: z.number().int().positive(),
        title: z.string().max(LIMITS.title),
        summary: z.string().max(LIMITS.summary),
        body: editorStateSchema,
      })
      .strict(),
    output: z.object({ version: z.number().int().positive(), updatedAt: z.iso.datetime({ offset: true }) }),
  },
} as const satisfies Record<MethodName, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
