import type { z } from 'zod';
import { contract } from '../../shared/api/contract';
import { requestEnvelopeSchema, type ApiResult } from '../../shared/api/envelope';
import { isMethodName, type MethodName } from '../../shared/api/methods';
import { AppError, isAppError } from '../../shared/errors';
import { can } from '../auth/permissions';
import { resolveSession } from '../auth/sessions';
import type { CoreContext } from '../context';
import type { Caller, HandlerMap, HandlerSpec } from './handler';

/** Deeper JSON than this is not an article: refuse it before a recursive schema walks it. */
const MAX_DEPTH = 64;

function tooDeep(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) return true;
    if (item && typeof item === 'object') {
      for (const child of Object.values(item)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

export type Dispatch = (envelope: unknown) => Promise<ApiResult>;

/**
 * The one entry point both transports use. In order: envelope shape, method name, input schema
 * (nothing so far touches the database), session, permission, handler, output schema.
 */
export function createDispatcher(
  ctx: CoreContext,
  map: HandlerMap,
  log: (error: unknown) => void = console.error,
): Dispatch {
  return async (envelope) => {
    try {
      const parsed = requestEnvelopeSchema.safeParse(envelope);
      if (!parsed.success) throw new AppError('BAD_REQUEST');
      const { method, session, input } = parsed.data;
      if (!isMethodName(method)) throw new AppError('UNKNOWN_METHOD');
      return { ok: true, value: await run(ctx, map, method, session ?? null, input) };
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
): Promise<unknown> {
  const schemas = contract[method];
  if (tooDeep(rawInput))
    throw new AppError('INVALID_INPUT', undefined, [{ path: '', message: 'Dữ liệu lồng quá sâu.' }]);
  const input = schemas.input.safeParse(rawInput ?? {});
  if (!input.success) throw new AppError('INVALID_INPUT', undefined, issuesOf(input.error));

  const spec = map[method] as HandlerSpec<MethodName>;
  let output: unknown;
  if (spec.access === 'public') {
    output = await (spec.run as (c: CoreContext, i: unknown, caller: null) => unknown)(ctx, input.data, null);
  } else {
    if (!session) throw new AppError('UNAUTHENTICATED');
    const user = resolveSession(ctx, session);
    if (!user) throw new AppError('UNAUTHENTICATED');
    if (!can(user.role, spec.access)) throw new AppError('FORBIDDEN');
    const caller: Caller = { user, session };
    output = await (spec.run as (c: CoreContext, i: unknown, caller: Caller) => unknown)(ctx, input.data, caller);
  }

  const checked = schemas.output.safeParse(output);
  if (!checked.success) {
    throw new Error(`Output of ${method} does not match the contract: ${JSON.stringify(issuesOf(checked.error))}`);
  }
  return checked.data;
}
