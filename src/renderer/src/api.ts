import type { MethodInput, MethodOutput } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/envelope';
import type { MethodName } from '../../shared/api/methods';
import { DEFAULT_MESSAGES, type ApiErrorBody, type ErrorCode } from '../../shared/errors';
import { getBridge } from './bridge';

const SESSION_KEY = 'bientap.session';
/** Methods that work without a session: an UNAUTHENTICATED answer from them says nothing about ours. */
const PUBLIC_METHODS: ReadonlySet<MethodName> = new Set(['setup.status', 'setup.createAdmin', 'auth.login']);

/** A failed call: the core's code and its Vietnamese message. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: ApiErrorBody['issues'];

  constructor(body: ApiErrorBody) {
    super(body.message || DEFAULT_MESSAGES[body.code]);
    this.name = 'ApiError';
    this.code = body.code;
    this.issues = body.issues;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

function readStoredSession(): string | null {
  try {
    return sessionStorage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
}

// In memory for every call, mirrored to this tab's sessionStorage so a reload stays signed in.
let session: string | null = readStoredSession();
const sessionListeners = new Set<(session: string | null, reason: 'signin' | 'signout' | 'expired') => void>();

export function getSession(): string | null {
  return session;
}

export function setSession(
  value: string | null,
  reason: 'signin' | 'signout' | 'expired' = value ? 'signin' : 'signout',
): void {
  session = value;
  try {
    if (value) sessionStorage.setItem(SESSION_KEY, value);
    else sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // Storage can be unavailable (private mode); the in-memory session still works.
  }
  for (const listener of sessionListeners) listener(value, reason);
}

export function onSessionChange(
  listener: (session: string | null, reason: 'signin' | 'signout' | 'expired') => void,
): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** Calls one API method and returns its value, or throws an ApiError. */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const fn = getBridge().api[method] as unknown as (
    input: MethodInput<M>,
    session: string | null,
  ) => Promise<ApiResult<MethodOutput<M>>>;
  const sentWith = session;
  let result: ApiResult<MethodOutput<M>>;
  try {
    result = await fn(input, sentWith);
  } catch {
    result = { ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL } };
  }
  if (result.ok) return result.value;
  // Only the session this call carried is forgotten: a newer sign-in must survive a late answer.
  if (
    result.error.code === 'UNAUTHENTICATED' &&
    !PUBLIC_METHODS.has(method) &&
    sentWith !== null &&
    sentWith === session
  ) {
    setSession(null, 'expired');
  }
  throw new ApiError(result.error);
}
