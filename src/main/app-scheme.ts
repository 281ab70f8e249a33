import { protocol } from 'electron';
import { answerAppRequest } from './app-protocol';
import { APP_SCHEME } from './app-url';

/** Before the app is ready: `app://` behaves as a secure web origin (fetch, modules, storage). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer from `root` (inside app.asar once packaged), the page with the app's CSP. */
export function serveAppScheme(root: string, contentSecurityPolicy: string): void {
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(request.url, root, contentSecurityPolicy));
}
