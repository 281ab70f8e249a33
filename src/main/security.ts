import { app, type Session, type WebContents } from 'electron';
import type { AppUrlPolicy } from './app-url';
import { withContentSecurityPolicy } from './csp';
import { mayNavigate } from './trust';

/**
 * Session-wide rules: our CSP on every response, and no permission (camera, notifications,
 * clipboard read, geolocation …) for any page. The built page also carries the CSP as a meta
 * tag, because responses for file:// URLs do not always pass through webRequest.
 */
export function hardenSession(session: Session, contentSecurityPolicy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, contentSecurityPolicy) });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

function harden(contents: WebContents, policy: AppUrlPolicy): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // will-frame-navigate also covers subframes; will-navigate is kept for the main frame on its own.
  const guard = (event: { url: string; preventDefault(): void }) => {
    if (!mayNavigate(event.url, policy)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The same rules for every web contents the app ever creates, not only the main window. */
export function hardenAllContents(policy: AppUrlPolicy): void {
  app.on('web-contents-created', (_event, contents) => harden(contents, policy));
}
