/**
 * The content security policy, one string shared by the built page (a meta tag), the Electron
 * main process (a response header) and the web host (a response header): no inline script,
 * no eval, nothing loaded from anywhere but the app itself.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** The same policy for a `<meta>` tag, where browsers ignore (and warn about) `frame-ancestors`. */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');
