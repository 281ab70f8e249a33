import type { ApiResult, BientapBridge, BridgeMethods } from '../../../shared/api/envelope';
import { EVENT_NAMES, METHOD_NAMES, type EventName, type MethodName } from '../../../shared/api/methods';
import { DEFAULT_MESSAGES, ERROR_CODES, type ApiErrorBody, type ErrorCode } from '../../../shared/errors';
import { parseSse } from './sse';

const TOKEN_KEY = 'bientap.token';
const TOKEN_HEADER = 'X-Bientap-Token';
/** Browsers refuse `keepalive` requests above 64 KiB; below that a save survives the page closing. */
const KEEPALIVE_LIMIT_BYTES = 60_000;

const MESSAGES = {
  badToken:
    'Đường dẫn này không còn hiệu lực (mã truy cập sai hoặc đã hết hạn). Hãy mở lại Biên Tập bằng đường dẫn mới in ra khi khởi động.',
  badAnswer: 'Biên Tập trả lời không đúng định dạng. Hãy tải lại trang rồi thử lại.',
} as const;

/**
 * Reads the per-run access token: from `#token=…` on first load (then hidden from the address
 * bar and history), afterwards from this tab's sessionStorage so a reload keeps working.
 */
export function takeToken(): string | null {
  const match = /(?:^#|[#&])token=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(history.state, '', location.pathname + location.search);
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function failure(code: ErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Accepts only a well-formed ApiResult from the host; anything else becomes a typed error. */
function toApiResult(body: unknown, status: number): ApiResult {
  if (typeof body === 'object' && body !== null && 'ok' in body) {
    const result = body as { ok: unknown; value?: unknown; error?: Partial<ApiErrorBody> };
    if (result.ok === true) return { ok: true, value: result.value };
    if (result.ok === false && result.error && isErrorCode(result.error.code)) {
      return {
        ok: false,
        error: {
          code: result.error.code,
          message: typeof result.error.message === 'string' ? result.error.message : MESSAGES.badAnswer,
          ...(Array.isArray(result.error.issues) ? { issues: result.error.issues } : {}),
        },
      };
    }
  }
  if (status === 401 || status === 403) return failure('FORBIDDEN', MESSAGES.badToken);
  if (status === 413) return failure('PAYLOAD_TOO_LARGE', MESSAGES.badAnswer);
  return failure('INTERNAL', MESSAGES.badAnswer);
}

async function post(
  token: string | null,
  method: MethodName,
  input: unknown,
  session: string | null,
): Promise<ApiResult> {
  if (!token) return failure('FORBIDDEN', MESSAGES.badToken);
  const body = JSON.stringify({ method, session, input });
  const keepalive = method === 'articles.save' && new TextEncoder().encode(body).length < KEEPALIVE_LIMIT_BYTES;
  let response: Response;
  try {
    response = await fetch('/api', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
      body,
      cache: 'no-store',
      credentials: 'omit',
      keepalive,
    });
  } catch {
    return failure('UNAVAILABLE', DEFAULT_MESSAGES.UNAVAILABLE);
  }
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    return toApiResult(undefined, response.status);
  }
  return toApiResult(parsed, response.status);
}

type Listener = (payload: unknown) => void;

/** One shared `/api/events` stream, opened on the first subscription and reopened after a drop. */
function createEventStream(token: string | null) {
  const listeners = new Map<EventName, Set<Listener>>();
  let started = false;

  function dispatch(raw: string): void {
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string' || !(EVENT_NAMES as readonly string[]).includes(event)) return;
    for (const listener of listeners.get(event as EventName) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        console.error(error);
      }
    }
  }

  async function readOnce(): Promise<boolean> {
    if (!token) return false;
    const response = await fetch('/api/events', {
      headers: { Accept: 'text/event-stream', [TOKEN_HEADER]: token },
      cache: 'no-store',
      credentials: 'omit',
    });
    if (!response.ok || !response.body) return false;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return true;
      const parsed = parseSse(buffer + value);
      buffer = parsed.rest;
      parsed.messages.forEach(dispatch);
    }
  }

  async function run(): Promise<void> {
    let delay = 1_000;
    for (;;) {
      try {
        if (await readOnce()) delay = 1_000;
      } catch {
        // The host went away or restarted; keep trying at a gentle pace.
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 15_000);
    }
  }

  return (event: EventName, listener: Listener): (() => void) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    if (!started) {
      started = true;
      void run();
    }
    return () => set.delete(listener);
  };
}

/** `window.bientap` for the browser: the same contract as Electron's preload, over loopback HTTP. */
export function createWebBridge(): BientapBridge {
  const token = takeToken();
  const api = Object.fromEntries(
    METHOD_NAMES.map((method) => [
      method,
      (input: unknown, session: string | null) => post(token, method, input, session),
    ]),
  ) as unknown as BridgeMethods;
  return Object.freeze({
    api: Object.freeze(api),
    on: createEventStream(token),
    // The browser has no close handshake; pagehide/visibilitychange flush instead.
    flushed: () => undefined,
    // The browser draws no menus of its own.
    setLanguage: () => undefined,
    offerSuggestions: () => undefined,
    kind: 'web' as const,
  });
}
