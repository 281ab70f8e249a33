import { describe, expect, it } from 'vitest';
import { PublishError } from '../adapter';
import { createWordPressAdapter } from './adapter';
import { parseRetryAfter, WordPressClient } from './http';

// What a real WordPress does not readily produce (a redirect, a proxy's HTML 502, a non-JSON 200, a
// thrown fetch) is answered here by a stub fetch; everything else is in wordpress.wp.test.ts.

const SECRET = 'abcd EFGH ijkl MNOP qrst UVWX';

function stub(respond: (url: URL, init: RequestInit) => Response | Promise<Response>): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) =>
    respond(new URL(String(input)), init ?? {})) as typeof fetch;
}

function clientWith(fetchImpl: typeof fetch, siteUrl = 'https://tin.example.vn/news') {
  return new WordPressClient({ siteUrl, user: 'bientap', appPassword: SECRET, fetch: fetchImpl, timeoutMs: 200 });
}

async function failure(promise: Promise<unknown>): Promise<PublishError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PublishError);
  const published = error as PublishError;
  expect(published.message).not.toContain(SECRET);
  expect(published.message).not.toContain(SECRET.replace(/ /g, ''));
  return published;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('WordPress REST client', () => {
  it('asks ?rest_route= under the site address, with Basic auth', async () => {
    let seen: { url?: URL; auth?: string } = {};
    const client = clientWith(
      stub((url, init) => {
        seen = { url, auth: new Headers(init.headers).get('authorization') ?? '' };
        return json(200, []);
      }),
    );
    await client.request('GET', '/wp/v2/posts', { query: { search: 'x y', skip: undefined } });
    expect(seen.url?.origin + seen.url!.pathname).toBe('https://tin.example.vn/news/');
    expect(seen.url?.searchParams.get('rest_route')).toBe('/wp/v2/posts');
    expect(seen.url?.searchParams.get('search')).toBe('x y');
    expect(seen.url?.searchParams.has('skip')).toBe(false);
    expect(Buffer.from(seen.auth!.slice(6), 'base64').toString()).toBe(`bientap:${SECRET}`);
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('network errors and timeouts are transient', async () => {
    const refused = await failure(
      clientWith(
        stub(() => {
          throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
        }),
      ).request('GET', '/'),
    );
    expect(refused.kind).toBe('transient');
    expect(refused.message).toContain('ECONNREFUSED');

    const slow = await failure(
      clientWith(
        stub(
          (_url, init) =>
            new Promise<Response>((_resolve, reject) => {
              init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
            }),
        ),
      ).request('GET', '/'),
    );
    expect(slow.kind).toBe('transient');
    expect(slow.message).toContain('không trả lời');
  });

  it('a proxy’s HTML 502 is transient; 503 and 429 carry Retry-After', async () => {
    const bad = await failure(
      clientWith(stub(() => new Response('<html>Bad Gateway</html>', { status: 502 }))).request('GET', '/'),
    );
    expect(bad).toMatchObject({ kind: 'transient', details: { status: 502 } });
    const busy = await failure(clientWith(stub(() => json(503, {}, { 'retry-after': '30' }))).request('GET', '/'));
    expect(busy).toMatchObject({ kind: 'transient', details: { status: 503, retryAfterMs: 30_000 } });
    const limited = await failure(clientWith(stub(() => json(429, {}, { 'retry-after': '5' }))).request('GET', '/'));
    expect(limited).toMatchObject({ kind: 'transient', details: { status: 429, retryAfterMs: 5_000 } });
  });

  it('a redirect or an HTML page instead of the API is permanent and names the fix', async () => {
    const moved = await failure(
      clientWith(
        stub(() => new Response(null, { status: 301, headers: { location: 'https://new.example.vn/' } })),
      ).request('POST', '/wp/v2/posts', { json: {} }),
    );
    expect(moved.kind).toBe('permanent');
    expect(moved.message).toContain('https://new.example.vn/');
    const page = await failure(
      clientWith(stub(() => new Response('<!doctype html><p>Trang chủ</p>', { status: 200 }))).request('GET', '/'),
    );
    expect(page.kind).toBe('permanent');
    expect(page.message).toContain('REST API');
  });

  it('a refusal is told apart by asking who we are: a bad password (401) or a missing right (403)', async () => {
    const anonymous = await failure(
      clientWith(
        stub((url) =>
          url.searchParams.get('rest_route') === '/wp/v2/users/me'
            ? json(401, { code: 'rest_not_logged_in', message: 'You are not currently logged in.' })
            : json(401, { code: 'rest_cannot_create', message: `Sorry ${SECRET}` }),
        ),
      ).request('POST', '/wp/v2/posts', { json: {} }),
    );
    expect(anonymous).toMatchObject({ kind: 'permanent', details: { status: 401 } });
    expect(anonymous.message).toContain('mật khẩu ứng dụng');

    const weak = await failure(
      clientWith(
        stub((url) =>
          url.searchParams.get('rest_route') === '/wp/v2/users/me'
            ? json(200, { id: 7 })
            : json(403, { code: 'rest_cannot_publish', message: 'Sorry, you are not allowed to publish posts.' }),
        ),
      ).request('POST', '/wp/v2/posts', { json: {} }),
    );
    expect(weak).toMatchObject({ kind: 'permanent', details: { status: 403 } });
    expect(weak.message).toContain('không đủ quyền');
  });

  it('refuses an address that is not http(s)', () => {
    expect(() => createWordPressAdapter({ siteUrl: 'ftp://x', user: 'a', appPassword: 'b' })).toThrow(PublishError);
    expect(() => createWordPressAdapter({ siteUrl: 'not a url', user: 'a', appPassword: 'b' })).toThrow(/không hợp lệ/);
  });
});
