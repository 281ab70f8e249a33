import { PublishError } from '../adapter';

/**
 * The WordPress REST API over `?rest_route=` (works on every WordPress, with or without pretty
 * permalinks), authenticated with an Application Password. Every failure becomes a `PublishError`
 * whose kind says whether trying again could help and whose Vietnamese message says what to do.
 */

export interface WordPressSite {
  /** The site's address, e.g. `https://vanhoa.hue.gov.vn` or `https://example.vn/tin`. */
  siteUrl: string;
  user: string;
  /** An Application Password (Users → Profile → Application Passwords), spaces allowed. */
  appPassword: string;
  /** Per request; the default gives a slow shared host time to resize an upload. */
  timeoutMs?: number;
  /** Injected by tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export type Query = Record<string, string | number | undefined>;

export interface RequestOptions {
  query?: Query;
  json?: unknown;
  body?: Uint8Array;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface WpResponse<T> {
  status: number;
  data: T;
  headers: Headers;
}

/** WordPress's error body: `{ code, message, data: { status, … } }`. */
export interface WpErrorBody {
  code?: string;
  message?: string;
  data?: { status?: number; term_id?: number } | null;
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const when = Date.parse(text);
  if (Number.isNaN(when)) return undefined;
  return Math.max(0, when - now);
}

export function normalizeSiteUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new PublishError(
      'permanent',
      `Địa chỉ trang WordPress "${value}" không hợp lệ. Hãy nhập địa chỉ đầy đủ, ví dụ https://vanhoa.hue.gov.vn.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new PublishError(
      'permanent',
      `Địa chỉ trang WordPress "${value}" phải bắt đầu bằng https://. Hãy sửa trong phần cài đặt đăng bài.`,
    );
  }
  url.search = '';
  url.hash = '';
  url.username = '';
  url.password = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** A refusal that may come from the credentials: 401, 403, or a 400 naming a forbidden status or context. */
function looksLikeAuth(status: number, body: WpErrorBody | null): boolean {
  if (status === 401 || status === 403) return true;
  return status === 400 && /rest_forbidden|rest_cannot/.test(JSON.stringify(body ?? {}));
}

export class WordPressClient {
  readonly base: URL;
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly secrets: string[];
  private readonly user: string;

  constructor(site: WordPressSite) {
    this.base = normalizeSiteUrl(site.siteUrl);
    this.user = site.user;
    const token = Buffer.from(`${site.user}:${site.appPassword}`, 'utf8').toString('base64');
    this.authorization = `Basic ${token}`;
    this.timeoutMs = site.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetchImpl = site.fetch ?? globalThis.fetch;
    // Whatever a message might echo back; never shown to the user.
    this.secrets = [site.appPassword, site.appPassword.replace(/\s+/g, ''), token].filter((s) => s.length >= 4);
  }

  /** `https://site/?rest_route=/wp/v2/posts&…` */
  url(route: string, query: Query = {}): string {
    const url = new URL(this.base);
    url.searchParams.set('rest_route', route);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.href;
  }

  /**
   * One request. Resolves for 2xx and for the statuses in `accept` (the caller handles those, e.g.
   * 404 for a post deleted on the site, 400 term_exists); throws a `PublishError` otherwise.
   */
  async request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    route: string,
    options: RequestOptions = {},
    accept: number[] = [],
  ): Promise<WpResponse<T>> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: this.authorization,
      ...options.headers,
    };
    // A copy on a plain ArrayBuffer: what fetch's types accept of a Buffer (a pool slice).
    let body: string | Uint8Array<ArrayBuffer> | undefined = options.body ? new Uint8Array(options.body) : undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
      body = JSON.stringify(options.json);
    }
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const target = this.url(route, options.query);
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(target, { method, headers, body, signal, redirect: 'manual' });
      text = await response.text();
    } catch (error) {
      throw this.networkError(error, options.signal, timeout);
    }
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      throw new PublishError(
        'permanent',
        `Trang WordPress chuyển hướng sang ${location ?? 'một địa chỉ khác'} (${response.status}). ` +
          'Hãy nhập đúng địa chỉ trang (thường là https://…) trong phần cài đặt đăng bài.',
        { status: response.status },
      );
    }
    let data: unknown = null;
    let json: boolean;
    try {
      data = text ? JSON.parse(text) : null;
      json = true;
    } catch {
      json = false;
    }
    if ((response.ok || accept.includes(response.status)) && json) {
      return { status: response.status, data: data as T, headers: response.headers };
    }
    const error = json ? (data as WpErrorBody | null) : null;
    if (looksLikeAuth(response.status, error)) throw await this.authError(response.status, error, options.signal);
    throw this.statusError(response, error, text);
  }

  /**
   * WordPress treats a wrong application password as no password at all: the request runs as an
   * anonymous visitor and fails on whatever that visitor may not do (401, 403, or 400 "status is
   * forbidden"). Asking who we are tells a bad password from a missing permission.
   */
  private async authError(status: number, body: WpErrorBody | null, signal?: AbortSignal): Promise<PublishError> {
    let me: number;
    try {
      const response = await this.fetchImpl(this.url('/wp/v2/users/me', { context: 'edit' }), {
        headers: { accept: 'application/json', authorization: this.authorization },
        signal: signal
          ? AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)])
          : AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
      await response.text();
      me = response.status;
    } catch {
      me = 0;
    }
    const wpCode = body?.code ? ` [${body.code}]` : '';
    if (me === 401 || (me === 0 && status === 401)) {
      return new PublishError(
        'permanent',
        `WordPress không nhận tên đăng nhập và mật khẩu ứng dụng (401)${wpCode}. Hãy kiểm tra tên người dùng ` +
          'và mật khẩu ứng dụng (Application Password, tạo ở Người dùng → Hồ sơ trên trang WordPress) trong ' +
          'phần cài đặt đăng bài; WordPress chỉ nhận mật khẩu ứng dụng qua https://.',
        { status: 401 },
      );
    }
    return new PublishError(
      'permanent',
      `Tài khoản WordPress "${this.clean(this.user)}" không đủ quyền làm việc này (403)${wpCode}. ` +
        'Hãy nhờ người quản trị trang cấp vai trò Biên tập viên (Editor) trở lên.',
      { status: 403 },
    );
  }

  private clean(message: string): string {
    let out = message;
    for (const secret of this.secrets) out = out.split(secret).join('***');
    return out
      .replace(/<[^>]*>/g, '')
      .trim()
      .slice(0, 300);
  }

  private host(): string {
    return this.base.host;
  }

  private networkError(error: unknown, callerSignal: AbortSignal | undefined, timeout: AbortSignal): PublishError {
    if (callerSignal?.aborted) {
      return new PublishError(
        'transient',
        'Việc đăng bài lên WordPress đã bị hủy giữa chừng; bài sẽ được đăng lại sau.',
      );
    }
    if (timeout.aborted) {
      return new PublishError(
        'transient',
        `Trang WordPress ${this.host()} không trả lời sau ${Math.round(this.timeoutMs / 1000)} giây. ` +
          'Ứng dụng sẽ tự thử lại; nếu kéo dài, hãy báo người quản trị trang.',
      );
    }
    const cause = (error as { cause?: { code?: string } } | null)?.cause;
    const code = cause?.code ? ` (${cause.code})` : '';
    return new PublishError(
      'transient',
      `Không kết nối được tới trang WordPress ${this.host()}${code}. ` +
        'Hãy kiểm tra mạng; ứng dụng sẽ tự thử lại khi có kết nối.',
    );
  }

  private statusError(response: Response, body: WpErrorBody | null, text: string): PublishError {
    const status = response.status;
    const wpCode = body?.code ? ` [${body.code}]` : '';
    const said = body?.message ? ` WordPress báo: “${this.clean(body.message)}”.` : '';
    const details = { status };
    if (status === 429 || status === 503 || status === 408 || status >= 500 || status === 425) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      const wait = retryAfterMs !== undefined ? { retryAfterMs } : {};
      const why =
        status === 429
          ? `Trang WordPress ${this.host()} đang giới hạn số yêu cầu (429).`
          : status === 503
            ? `Trang WordPress ${this.host()} tạm thời không phục vụ (503).`
            : `Trang WordPress ${this.host()} gặp lỗi (${status}).`;
      return new PublishError('transient', `${why}${wpCode} Ứng dụng sẽ tự thử lại sau.`, { ...details, ...wait });
    }
    if (response.ok) {
      // 2xx that is not JSON: a page, not the REST API (a wrong address, a login wall, a "coming soon" plugin).
      const looksHtml = /<html|<!doctype/i.test(text);
      return new PublishError(
        'permanent',
        `Địa chỉ ${this.base.href} không trả lời như REST API của WordPress${looksHtml ? ' (nhận được một trang HTML)' : ''}. ` +
          'Hãy kiểm tra địa chỉ trang trong phần cài đặt đăng bài.',
        details,
      );
    }
    if (status === 404 && (!body || body.code === 'rest_no_route')) {
      return new PublishError(
        'permanent',
        `Không tìm thấy REST API của WordPress tại ${this.base.href} (404). ` +
          'Hãy kiểm tra địa chỉ trang và chắc chắn REST API không bị plugin tắt.',
        details,
      );
    }
    if (status === 413) {
      return new PublishError(
        'permanent',
        'Trang WordPress không nhận tệp lớn như vậy (413). Hãy nhờ người quản trị tăng giới hạn tải lên, hoặc dùng ảnh nhỏ hơn.',
        details,
      );
    }
    return new PublishError(
      'permanent',
      `WordPress không nhận yêu cầu (${status})${wpCode}.${said || ' Hãy kiểm tra nội dung bài và cài đặt trang.'}`,
      details,
    );
  }
}
