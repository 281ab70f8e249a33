import { z } from 'zod';
import { contract } from '../../shared/api/contract';
import type { MethodSpec } from '../../shared/api/fields';
import { MAX_REQUEST_BYTES, requestEnvelopeSchema, type ApiResult } from '../../shared/api/envelope';
import { isMethodName, type MethodName } from '../../shared/api/methods';
import { AppError, isAppError } from '../../shared/errors';
import { can } from '../auth/permissions';
import { resolveSession } from '../auth/sessions';
import type { CoreContext } from '../context';
import type { Caller, HandlerMap, HandlerSpec, RequestFacts } from './handler';

/** Deeper JSON than this is not an article: refuse it before a recursive schema walks it. */
const MAX_DEPTH = 64;

/**
 * Refuses input too deep or too large to be anything the contract accepts, in one walk without
 * recursion that stops at the first limit passed: nothing has looked at the session or the
 * database yet, and a schema never starts on a payload that would keep the core busy for seconds.
 * The size counted is characters of strings and keys plus a little per value, close to the size
 * of its JSON, so that IPC (which has no byte limit of its own) refuses what the web host would.
 */
function assertWithinLimits(value: unknown): void {
  let size = 0;
  // Values and their depths on two stacks side by side: a pair per value would be garbage too.
  const items: unknown[] = [value];
  const depths: number[] = [0];
  while (items.length > 0) {
    const item = items.pop();
    const depth = depths.pop()!;
    if (depth > MAX_DEPTH) {
      throw new AppError('INVALID_INPUT', 'Dữ liệu gửi lên lồng nhau quá sâu. Hãy tải lại ứng dụng rồi thử lại.', [
        { path: '', message: 'Dữ liệu lồng quá sâu.' },
      ]);
    }
    if (typeof item === 'string') size += item.length + 2;
    else if (Array.isArray(item)) {
      size += 2 + item.length;
      for (const child of item) {
        items.push(child);
        depths.push(depth + 1);
      }
    } else if (item && typeof item === 'object') {
      // for…in rather than Object.entries: an autosave walks every node, and entry arrays are garbage.
      size += 2;
      const record = item as Record<string, unknown>;
      for (const key in record) {
        size += key.length + 4;
        items.push(record[key]);
        depths.push(depth + 1);
      }
    } else size += 5;
    if (size > MAX_REQUEST_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  }
}

/**
 * The message for a refused input: the first one the contract wrote itself (whole sentences
 * saying what to do, like the character and size rules of src/shared/api/fields.ts; zod's own
 * are short phrases), or the general one. Every issue goes along with its field's path.
 */
function invalidInput(error: z.ZodError): AppError {
  const explained = error.issues.find((issue) => issue.message.endsWith('.'));
  return new AppError('INVALID_INPUT', explained?.message, issuesOf(error));
}

// Messages of the schemas' own checks (a type, a format, a key not expected) in Vietnamese too.
z.config(z.locales.vi());

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** The input as the contract parses it: its quicker check first where it has one (see MethodSpec). */
/** The input as the method's schema (or its quicker check) takes it; INVALID_INPUT saying why otherwise. */
export function parseInput(schemas: MethodSpec, rawInput: unknown): unknown {
  const accepted = schemas.accept?.(rawInput);
  if (accepted !== undefined) return accepted;
  const input = schemas.input.safeParse(rawInput);
  if (!input.success) throw invalidInput(input.error);
  return input.data;
}

/** `origin` comes from the transport itself (see RequestFacts); calls made in-process have none. */
export type Dispatch = (envelope: unknown, origin?: RequestFacts) => Promise<ApiResult>;

/**
 * The one entry point both transports use. In order: envelope shape, method name, input schema
 * (nothing so far touches the database), session, permission, handler, output schema.
 */
export function createDispatcher(
  ctx: CoreContext,
  map: HandlerMap,
  log: (error: unknown) => void = console.error,
): Dispatch {
  return async (envelope, origin = { client: 'local' }) => {
    try {
      const parsed = requestEnvelopeSchema.safeParse(envelope);
      if (!parsed.success) throw new AppError('BAD_REQUEST');
      const { method, session, input } = parsed.data;
      if (!isMethodName(method)) throw new AppError('UNKNOWN_METHOD');
      return { ok: true, value: await run(ctx, map, method, session ?? null, input, origin) };
    } catch (error) {
      if (isAppError(error)) return { ok: false, error: error.toBody() };
      log(error);
      return { ok: false, error: new AppError('INTERNAL').toBody() };
    }
  };
}

async function run<M extends MethodName>(
  ctx: CoreContext,
  map: HandlerMap,
  method: M,
  session: string | null,
  rawInput: unknown,
  origin: RequestFacts,
): Promise<unknown> {
  const schemas: MethodSpec = contract[method];
  assertWithinLimits(rawInput);
  const input = parseInput(schemas, rawInput ?? {});

  const spec = map[method] as HandlerSpec<MethodName>;
  let output: unknown;
  if (spec.access === 'public') {
    output = await (spec.run as (c: CoreContext, i: unknown, caller: null, r: RequestFacts) => unknown)(
      ctx,
      input,
      null,
      origin,
    );
  } else {
    if (!session) throw new AppError('UNAUTHENTICATED');
    const user = resolveSession(ctx, session);
    if (!user) throw new AppError('UNAUTHENTICATED');
    if (!can(user.role, spec.access)) throw new AppError('FORBIDDEN');
    const caller: Caller = { user, session };
    output = await (spec.run as (c: CoreContext, i: unknown, caller: Caller, r: RequestFacts) => unknown)(
      ctx,
      input,
      caller,
      origin,
    );
  }

  const checked = schemas.output.safeParse(output);
  if (!checked.success) {
    throw new Error(`Output of ${method} does not match the contract: ${JSON.stringify(issuesOf(checked.error))}`);
  }
  return checked.data;
}
