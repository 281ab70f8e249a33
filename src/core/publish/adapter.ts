import type { KeysFile } from '../../shared/seal/format';
import type { PageSealer } from '../seal/seal';

/**
 * What every publishing target (static folder, WordPress, …) implements. The outbox worker owns
 * retries, backoff, ordering and the signature check; an adapter only talks to its site and says,
 * through the error it throws, whether trying again could help.
 */

/** One image the page needs, named by the SHA-256 of its original bytes. */
export interface PublishImage {
  hash: string;
  /** The web rendition: what the site shows. */
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  bytes: Buffer;
  width: number;
  height: number;
  alt: string;
}

/** Exactly the signed article, rendered: adapters never read the database. */
export interface PublishPayload {
  articleId: string;
  /** SHA-256 of the signed canonical content; the worker has checked the approval against it. */
  contentHash: string;
  title: string;
  summary: string;
  /**
   * The sanitized body HTML. Images appear as `src="bientap-image:<hash>"`: the adapter swaps each
   * for the URL where it put that image (see `IMAGE_SCHEME`).
   */
  html: string;
  slug: string;
  byline: string;
  category: string;
  tags: string[];
  featuredImageHash: string | null;
  images: PublishImage[];
  /** When the article goes public (the schedule time, or when it was published). */
  publishedAt: Date;
  /**
   * Makes the page's seal (see src/shared/seal/format.ts) for the fields the target shows and the
   * image bytes it serves. Absent only in payloads made by hand in tests of an adapter's own logic.
   */
  sealer?: PageSealer;
  /** The office's keys file, for a target that publishes it beside the pages (the static site). */
  keysFile?: KeysFile;
  /** The audit chain's head (`SEQ:HASH`) when the payload was made: the seal carries it too. */
  auditHead?: string;
  /**
   * The office's verification page on the web (its static site's), for a target whose pages cannot
   * link to one of their own (WordPress); null when the office has no static site with an address.
   */
  verifyPageUrl?: string | null;
}

export const IMAGE_SCHEME = 'bientap-image:';

/** What the workstation remembers of the remote copy after each successful sync. */
export interface RemoteRef {
  remoteId: string;
  url: string;
  /** The site's own modification stamp at our last write, compared before the next update. */
  remoteModified: string;
}

/** The remote copy as the site has it now, for the conflict view. */
export interface RemoteSnapshot {
  remoteId: string;
  url: string;
  remoteModified: string;
  title: string;
  html: string;
}

export interface PublishAdapter {
  /**
   * Creates the remote post, or updates it when `known` is set. Before creating, the adapter
   * looks for a post that already carries `payload.articleId` (an earlier attempt may have
   * committed before the connection dropped) and updates that one instead: one article, one post.
   * Before updating, it compares the site's modification stamp with `known.remoteModified` and
   * throws `PublishError('conflict')` when someone changed the post on the site, unless
   * `options.overwrite` is set.
   */
  publish(payload: PublishPayload, known: RemoteRef | null, options: PublishOptions): Promise<RemoteRef>;
  /** Removes the article from the site (a no-op when it is already gone). */
  withdraw(articleId: string, known: RemoteRef | null, options: PublishOptions): Promise<void>;
  /** The remote copy, or null when the site has none. */
  fetchRemote(articleId: string, known: RemoteRef | null, options: PublishOptions): Promise<RemoteSnapshot | null>;
}

export interface PublishOptions {
  signal?: AbortSignal;
  /** Write even though the site's copy changed since our last sync (the user chose "overwrite"). */
  overwrite?: boolean;
  /** How far a long operation has come (a static site rendering every page again). */
  onProgress?: (progress: { done: number; total: number }) => void;
}

export type PublishErrorKind =
  /** Worth retrying: network down, timeout, 5xx, 429. `retryAfterMs` when the site said. */
  | 'transient'
  /** The site's copy changed since our last sync. */
  | 'conflict'
  /** Retrying the same request will not help: bad credentials, 4xx, invalid configuration. */
  | 'permanent';

export class PublishError extends Error {
  constructor(
    readonly kind: PublishErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; remote?: RemoteSnapshot } = {},
  ) {
    super(message);
    this.name = 'PublishError';
  }
}
