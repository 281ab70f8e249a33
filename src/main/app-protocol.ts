import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { CONTENT_TYPES as TYPES } from '../shared/contentTypes';
import { APP_HOST, APP_SCHEME } from './app-url';

export type AppRequest = { file: string; type: string } | { status: 400 | 404 };

/**
 * The file an `app://bientap/…` URL names inside `root` (the built renderer), or why there is none.
 * Nothing outside `root` is ever named: encoded dot segments, backslashes and NUL bytes are refused,
 * whatever the URL parser left of them.
 */
export function resolveAppRequest(url: string, root: string): AppRequest {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { status: 400 };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { status: 404 };
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return { status: 400 };
  }
  if (path === '/' || path === '') path = '/index.html';
  if (path.includes('\0') || path.includes('\\')) return { status: 400 };
  const base = resolve(root);
  const file = resolve(base, `.${path}`);
  const inside = relative(base, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return { status: 404 };
  return { file, type: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' };
}

export async function answerAppRequest(url: string, root: string, contentSecurityPolicy: string): Promise<Response> {
  const target = resolveAppRequest(url, root);
  if ('status' in target) return new Response(null, { status: target.status });
  let body: Buffer;
  try {
    body = await readFile(target.file);
  } catch {
    return new Response(null, { status: 404 });
  }
  const headers: Record<string, string> = { 'Content-Type': target.type, 'X-Content-Type-Options': 'nosniff' };
  if (target.type.startsWith('text/html')) headers['Content-Security-Policy'] = contentSecurityPolicy;
  return new Response(new Uint8Array(body), { status: 200, headers });
}
