import { CONTENT_SECURITY_POLICY } from '../shared/csp';

export type ResponseHeaders = Record<string, string | string[]>;

/**
 * The response headers with our policy as the only Content-Security-Policy: a header sent by
 * whatever served the response is dropped, not merged, so it cannot loosen ours.
 */
export function withContentSecurityPolicy(headers: ResponseHeaders | undefined, policy: string): ResponseHeaders {
  const result: ResponseHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}

/**
 * The dev server's hot reload injects an inline script and talks over a websocket to its own
 * origin; only that is added, and only while developing.
 */
export function devContentSecurityPolicy(devUrl: string): string {
  const url = new URL(devUrl);
  const socket = `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
  return CONTENT_SECURITY_POLICY.split('; ')
    .map((directive) => {
      if (directive.startsWith('script-src ')) return `${directive} 'unsafe-inline'`;
      if (directive.startsWith('connect-src ')) return `${directive} ${socket}`;
      return directive;
    })
    .join('; ');
}
