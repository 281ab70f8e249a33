/**
 * Which URLs are "the app": the built page served by the app's own scheme
 * (`app://bientap/index.html`, see app-protocol.ts) or, while developing, the dev server's origin.
 * Everything the main process trusts — IPC senders, navigation targets — is checked against this
 * one policy.
 */
export interface AppUrlPolicy {
  /** The URL the window loads. */
  readonly entryUrl: string;
  isAppUrl(url: string): boolean;
}

/** The scheme and host the built renderer is served from; no file:// page is ever the app. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bientap';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** `devUrl`: the dev server URL, when running under `electron-vite dev`. */
export function createAppUrlPolicy(devUrl?: string): AppUrlPolicy {
  const dev = devUrl ? parse(devUrl) : null;
  if (devUrl && (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:'))) {
    throw new Error(`Dev server URL must be http(s): ${devUrl}`);
  }
  if (dev) {
    return {
      entryUrl: dev.href,
      // The dev server serves the page and its modules from one origin; any path on it is ours.
      isAppUrl: (url) => parse(url)?.origin === dev.origin,
    };
  }
  return {
    entryUrl: APP_ENTRY_URL,
    // Only the entry page itself (any hash: the renderer's own routing); the scripts and styles it loads
    // come from the same origin but are not pages.
    isAppUrl: (url) => {
      const target = parse(url);
      return (
        target !== null &&
        target.protocol === `${APP_SCHEME}:` &&
        target.host === APP_HOST &&
        target.pathname === '/index.html' &&
        target.username === '' &&
        target.password === '' &&
        target.port === ''
      );
    },
  };
}
