import { randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Doc } from 'yjs';
import type { ArticleContent } from './sync/contentDoc';
import type { NewComment } from './office/reviews';
import type { NewEvent } from './workflow/events';
import type { EventName } from '../shared/api/methods';
import { PRODUCTION_KDF_COST, type KdfCost } from './auth/kdf';
import type { Db } from './db/connection';
import { NO_SECRET_BOX, type SecretBox } from './publish/secrets';
import { CONSOLE_LOG, type CoreLog } from './log/log';

export type EventListener = (event: EventName, payload: unknown) => void;

/**
 * What the office connection (on a workstation that belongs to an office) hears from the rest of
 * the core. Without an office every hook does nothing.
 */
export interface OfficeHooks {
  /** Someone signed in with this password, just checked: the connection may sign in to the server as her. */
  signedIn(userId: string, password: string): void;
  signedOut(userId: string): void;
  /** Accounts or their keys changed here: the office directory gets new signed entries. */
  accountsChanged(): void;
  /**
   * An article was created or its content saved here, inside the transaction that did it: its
   * shared document takes the change. Throwing undoes the save.
   */
  articleSaved(articleId: string): void;
  /** An image was stored here (it goes up to the office server). */
  imageStored(): void;
  /**
   * A workflow event made here, inside the transaction that makes it: on an office's workstation it
   * goes, signed, into the article's review document and the article's log and status are folded
   * from that ('folded'; 'appended' when no fold could run yet: append it locally too, the first
   * fold writes it again). False when the article is not shared with an office (append it locally).
   */
  recordEvent(
    event: NewEvent & { id: string; at: string },
    signer?: { privateKey: KeyObject; keyFingerprint: string },
  ): 'folded' | 'appended' | false;
  /** A comment entry stored here, inside its transaction: it goes, signed, to the office. */
  commentAdded(entry: NewComment): void;
  /** Whether an image articles name is still on its way from the office server (and why it is late), else null. */
  awaitingImage(hash: string): { problem: string | null } | null;
  /** The shared document of an article, for a live editor here; null when it is not shared. */
  liveDocument(articleId: string): Doc | null;
  /** The live editor `session` has the article open for `viewer`, or (null) has closed it. */
  setViewer(articleId: string, session: string, viewer: { userId: string; name: string } | null): void;
  /** The names of the others who have the article open, here or on other workstations. */
  viewersOf(articleId: string, exceptUserId: string): string[];
  /** Articles whose first sync on the running connection has not ended (a join's progress). */
  articlesToSync(): number;
  /**
   * Stores a live editor's update, written by `editorId`, in the article's document (refused unless
   * it keeps to the body and the fields beside it, or if `check` throws in the transaction that
   * stores it), then runs `save` with the article as the document now holds it, to write the row.
   */
  applyFromEditor<T>(
    articleId: string,
    update: Uint8Array,
    session: string,
    steps: { editorId: string; check(): void; save(current: ArticleContent): T },
  ): T;
}

export const NO_OFFICE: OfficeHooks = {
  signedIn() {},
  signedOut() {},
  accountsChanged() {},
  articleSaved() {},
  imageStored() {},
  recordEvent: () => false,
  commentAdded() {},
  awaitingImage: () => null,
  liveDocument: () => null,
  setViewer() {},
  viewersOf: () => [],
  articlesToSync: () => 0,
  applyFromEditor() {
    throw new Error('Máy này không thuộc văn phòng nào.');
  },
};

/** Everything a handler may use. Tests pass a fixed clock and predictable ids. */
export interface CoreContext {
  db: Db;
  now(): Date;
  newId(): string;
  emit(event: EventName, payload: unknown): void;
  /** The demo article's source text when demo content was asked for, else null. */
  demoText: string | null;
  /** Encrypts site credentials; the host decides how (Electron safeStorage, a key file). */
  secrets: SecretBox;
  /** The scrypt cost of new password hashes and sealed signing keys. */
  kdfCost: Readonly<KdfCost>;
  /** The workstation's log (src/core/log): what went wrong, for support. */
  log: CoreLog;
  /** How publishing reaches a site: Node's fetch, or in the desktop app Electron's (the system's proxy and certificates). */
  fetch: typeof fetch;
  /** The workstation's data folder (backups go beside the database); null where there is none. */
  dataDir: string | null;
  /** Set by the host once it has opened the office connection. */
  office: OfficeHooks;
  /**
   * Opens the office connection once this workstation has created or joined an office (the host's
   * own; a no-op where the host runs none, as in tests that connect by hand).
   */
  startOffice(): void;
}

export interface ContextOptions {
  dataDir?: string | null;
  now?: () => Date;
  newId?: () => string;
  demoText?: string | null;
  secrets?: SecretBox;
  /**
   * Defaults to OWASP's cost, which every host keeps. Tests lower it so that seeding accounts does
   * not spend most of the suite hashing; nothing a user sets reaches it.
   */
  kdfCost?: Readonly<KdfCost>;
  fetch?: typeof fetch;
  log?: CoreLog;
}

export function createContext(
  db: Db,
  options: ContextOptions = {},
): CoreContext & {
  onEvent(listener: EventListener): () => void;
} {
  const listeners = new Set<EventListener>();
  return {
    db,
    dataDir: options.dataDir ?? null,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? (() => randomUUID()),
    demoText: options.demoText ?? null,
    secrets: options.secrets ?? NO_SECRET_BOX,
    kdfCost: options.kdfCost ?? PRODUCTION_KDF_COST,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    log: options.log ?? CONSOLE_LOG,
    office: NO_OFFICE,
    startOffice() {},
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function isoNow(ctx: Pick<CoreContext, 'now'>): string {
  return ctx.now().toISOString();
}
