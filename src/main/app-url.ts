/**
 * Which URLs are "the app": the built page on disk (file://…/out/renderer/index.html) or, while
 * developing, the dev server's origin. Everything the main process trusts — IPC senders,
 * navigation targets — is checked against this one policy.
 */
export interface AppUrlPolicy {
  /** The URL the window loads. */
  readonly entryUrl: string;
  isAppUrl(url: string): boolean;
}

export interface AppUrlOptions {
  /** file:// URL of the built index.html (from `pathToFileURL`). */
  fileUrl?: string;
  /** The dev server URL, when running under `electron-vite dev`. */
  devUrl?: string;
  /** Windows paths compare without regard to case. */
  caseInsensitivePaths?: boolean;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Percent-encoding may differ in case or in which characters it escapes; compare decoded paths. */
function decodedPath(url: URL, caseInsensitive: boolean): string | null {
  try {
    const path = decodeURIComponent(url.pathname);
    return caseInsensitive ? path.toLowerCase() : path;
  } catch {
    return null;
  }
}

export function createAppUrlPolicy(options: AppUrlOptions): AppUrlPolicy {
  const dev = options.devUrl ? parse(options.devUrl) : null;
  if (dev && dev.protocol !== 'http:' && dev.protocol !== 'https:') {
    throw new Error(`Dev server URL must be http(s): ${options.devUrl}`);
  }
  if (dev) {
    return {
      entryUrl: dev.href,
      // The dev server serves the page and its modules from one origin; any path on it is ours.
      isAppUrl: (url) => parse(url)?.origin === dev.origin,
    };
  }

  const file = options.fileUrl ? parse(options.fileUrl) : null;
  if (!file || file.protocol !== 'file:') {
    throw new Error(`App entry must be a file:// URL: ${options.fileUrl}`);
  }
  const caseInsensitive = options.caseInsensitivePaths ?? false;
  const entryPath = decodedPath(file, caseInsensitive);
  return {
    entryUrl: file.href,
    // Only the entry page itself: other files on disk are not the app, whatever folder they are in.
    // The hash is the renderer's own routing, so it may be anything.
    isAppUrl: (url) => {
      const target = parse(url);
      if (!target || target.protocol !== 'file:' || target.host !== file.host) return false;
      return entryPath !== null && decodedPath(target, caseInsensitive) === entryPath;
    },
  };
}
