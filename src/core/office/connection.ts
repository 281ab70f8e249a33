import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import type { KeyObject } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  appendDirectoryEntries,
  entryIdentity,
  officeKeyFromDirectory,
  readDirectory,
  type RejectedEntry,
  type VerificationCache,
} from '../../shared/sync/directory';
import {
  ARTICLE_INDEX_DOCUMENT,
  DIRECTORY_DOCUMENT,
  articleDocumentName,
  parseDocumentName,
} from '../../shared/sync/documents';
import { AppError } from '../../shared/errors';
import { writeWithoutWaiting } from '../db/connection';
import type { CoreContext } from '../context';
import { CONTENT_META, CONTENT_ROOT } from '../../shared/collab/meta';
import type { ArticleContent } from '../sync/contentDoc';
import { assertUpdateWithin } from './editorScope';
import { BlobSync } from './blobs';
import { findOfficeKey } from '../seal/officeKey';
import { unseal } from '../signoff/keys';
import { findSealedKey } from '../users/repo';
import { ARTICLE_INDEX, ArticleDocument, readOrigin } from './articles';
import { OfficeReviews, type NewComment } from './reviews';
import type { NewEvent } from '../workflow/events';
import { pinnedTlsOptions, serverToken, tlsRefusal, type OfficeServerPin } from './client';
import { applyDirectory, directoryEntriesFromDatabase, type AppliedDirectory } from './directory';
import { readOfficeConnection, type OfficeConnectionSettings } from './invitations';
import { HEARTBEAT_MS, writeLinkState, type OfficeStatus } from './status';
import { LocalDocumentStore, pendingChanges } from './store';

/**
 * The key the office server knows the signed-in user by. The core unseals it once, at sign-in,
 * while it holds the password for checking anyway (`unsealOfficeSigner`), and hands the key (never
 * the password) to the connection; signing out hands null. The key stays in this process's memory
 * only: each (re)connection signs a fresh server challenge with it.
 */
export interface OfficeSigner {
  userId: string;
  fingerprint: string;
  privateKey: KeyObject;
}

/** The signing key of an account, opened with the password just checked at sign-in; null when it does not open. */
export async function unsealOfficeSigner(
  ctx: CoreContext,
  userId: string,
  password: string,
): Promise<OfficeSigner | null> {
  const sealed = findSealedKey(ctx, userId);
  if (!sealed) return null;
  const privateKey = await unseal(sealed.sealed, password);
  return privateKey ? { userId, fingerprint: sealed.fingerprint, privateKey } : null;
}

export interface OfficeConnectionOptions {
  /** Whoever is signed in; without one the connection waits offline (setSigner later). */
  signer?: OfficeSigner | null;
  /** Faults and refusals, one line each (default stderr). */
  log?: (line: string) => void;
  /** Called after each application of the verified directory to this database. */
  onDirectory?: (applied: AppliedDirectory) => void;
  /** Called whenever the state (or its reason) changes. */
  onStatus?: (status: OfficeStatus) => void;
  /** First retry after this long, doubling (with jitter) up to maxDelayMs; forever. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** How often a running connection confirms its state in the database (default HEARTBEAT_MS). */
  heartbeatMs?: number;
  /** First syncs under way at once on a connection (default SYNCS_AT_ONCE). */
  syncsAtOnce?: number;
  /** Merge a document's acknowledged local rows beyond this many (default 200). */
  compactAbove?: number;
  /** An image an article names arrived from the server and is in the store now. */
  onImageStored?: (hash: string) => void;
  /**
   * An article a live editor here has open changed (from the server, a save, or the editor named by
   * `session`): its editors fetch what they lack.
   */
  onLiveChange?: (articleId: string, session: string | null) => void;
}

const HANDSHAKE_TIMEOUT_MS = 15_000;

/** Updates applied from the local log: already on disk, not to be written again. */
const FROM_DISK = Symbol('office-store');

/** One line of what a workstation tells the office through the directory's awareness. */
interface ViewingEntry {
  articleId: string;
  userId: string;
  name: string;
}

/** The entries of an awareness state from elsewhere, those well formed. */
function viewingOf(state: Record<string, unknown>): ViewingEntry[] {
  const viewing = state.viewing;
  if (!Array.isArray(viewing)) return [];
  return viewing.filter(
    (entry): entry is ViewingEntry =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as ViewingEntry).articleId === 'string' &&
      typeof (entry as ViewingEntry).userId === 'string' &&
      typeof (entry as ViewingEntry).name === 'string',
  );
}

/** Someone with an article open in a live editor. */
export interface Viewer {
  userId: string;
  name: string;
}

/** A live editor not heard from for this long is taken to be closed (its screen syncs every 20 s). */
const VIEWER_TIMEOUT_MS = 60_000;

/** What a live editor may change in an article's document: its body and the fields beside it. */
const EDITOR_ROOTS: ReadonlySet<string> = new Set([CONTENT_ROOT, CONTENT_META]);

/** The origin of an update a live editor here sent (collab.sync). */
class FromEditor {
  constructor(readonly session: string) {}
}

type LinkState = 'synced' | 'syncing' | 'offline';

/** The server's refusal codes (src/server/auth.ts), as the person at the workstation reads them. */
function refusalMessage(reason: string): string {
  switch (reason) {
    case 'auth:disabled':
      return 'Máy chủ không nhận đăng nhập: tài khoản này đã bị khóa hoặc khóa ký đã được thay trong danh bạ văn phòng.';
    case 'auth:unknown-key':
      return 'Máy chủ chưa biết khóa ký của tài khoản đang đăng nhập: danh bạ văn phòng chưa có tài khoản này.';
    case 'auth:nonce':
    case 'auth:signature':
    case 'auth:malformed':
      return `Máy chủ từ chối mã đăng nhập (${reason.slice(5)}); Biên Tập sẽ thử lại.`;
    default:
      return reason.startsWith('Failed to get token')
        ? 'Không lấy được mã thử thách đăng nhập từ máy chủ; Biên Tập sẽ thử lại.'
        : `Máy chủ từ chối kết nối (${reason}); Biên Tập sẽ thử lại.`;
  }
}

function socketProblem(url: string, error: Error): string {
  // Another certificate: the message says what happened (possible impersonation) and that nothing was sent.
  const refusal = tlsRefusal(url, error);
  if (refusal) return refusal.message;
  const code = (error as NodeJS.ErrnoException).code;
  return `Không kết nối được tới máy chủ ${url}${code ? ` (${code})` : `: ${error.message}`}.`;
}

/** One document the workstation shares with the office, and its provider while connected. */
interface SharedDocument {
  name: string;
  doc: Y.Doc;
  provider: HocuspocusProvider | null;
  /** The server refused it to whoever is signed in (another reporter's article): left alone until the next sign-in. */
  refused: boolean;
  /** Its provider is one of the first syncs under way (see SYNCS_AT_ONCE). */
  pending: boolean;
}

/**
 * Documents whose first sync is under way at once on a connection; the others wait their turn. The
 * server then loads a few hundred documents while the workstation writes the ones it has, instead
 * of loading thousands before it answers any (a join of an office's whole archive).
 */
const SYNCS_AT_ONCE = 256;

/**
 * The workstation's live link to the office server: one WebSocket-over-TLS that accepts only the
 * certificate pinned at join, and on it a Hocuspocus provider per shared document (the directory,
 * the index of articles, each article's content), each signing in with a fresh challenge signature
 * at every (re)connection; it reconnects with backoff forever. Every update of a document, received
 * or made here, is appended to the local log inside the transaction that applies it, so it is on
 * disk before anything treats it as received; the log rebuilds the documents at the next start.
 * After every change the directory is verified against the pinned office key and applied to this
 * database (rejected entries are reported); an article's content that changed elsewhere is written
 * into its row; an article saved here is written into its content (`articleSaved`).
 */
export class OfficeConnection {
  private readonly store: LocalDocumentStore;
  private readonly log: (line: string) => void;
  private readonly pin: OfficeServerPin;
  private readonly cache: VerificationCache = new Map();
  private readonly reported = new Set<string>();
  private signer: OfficeSigner | null;
  private readonly shared = new Map<string, SharedDocument>();
  /** Articles' content documents, by article id, with the editor that writes saves made here. */
  private readonly articles = new Map<string, ArticleDocument>();
  /** Articles whose content changed from elsewhere and whose rows are still to be written. */
  private readonly changedArticles = new Set<string>();
  /** Articles a live editor here has opened: their changes are announced (onLiveChange). */
  private readonly live = new Set<string>();
  /** Live editors open here, by article and editor session, with when each was last heard from. */
  private readonly viewers = new Map<string, Map<string, Viewer & { seenAt: number }>>();
  /** What this workstation last told the office about who views what (JSON), so it says it once. */
  private announcedViewing = '';
  /** The article whose row is being written from its document by a live editor's update. */
  private fromEditor: string | null = null;
  private applyingArticles: NodeJS.Immediate | null = null;
  private socket: HocuspocusProviderWebsocket | null = null;
  /**
   * The token signed for the socket now open: every document on it signs in with it (the server
   * takes it once per connection). A new connection signs a fresh challenge.
   */
  private socketToken: Promise<string> | null = null;
  private socketProblemText: string | null = null;
  private authProblem: string | null = null;
  private authFailures = 0;
  private readOnly = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private verifying: Promise<void> = Promise.resolve();
  private verifyQueued = false;
  private lastState: { state: LinkState; problem: string | null } | null = null;
  private closed = false;
  /** The articles' images, to and from the server's blob store. */
  private readonly blobs: BlobSync;
  /** The articles' review documents: workflow events and comments, folded into each article here. */
  private readonly reviews: OfficeReviews;
  /** Entries the last verification refused (never applied). */
  rejected: RejectedEntry[] = [];
  /** What the last application of the directory did. */
  lastApplied: AppliedDirectory | null = null;

  constructor(
    private readonly ctx: CoreContext,
    readonly settings: OfficeConnectionSettings,
    private readonly options: OfficeConnectionOptions = {},
  ) {
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.store = new LocalDocumentStore(ctx, options.compactAbove);
    this.pin = { url: settings.url, certSha256: settings.certSha256, cert: settings.cert };
    this.signer = options.signer ?? null;
    this.reviews = new OfficeReviews(ctx, {
      office: settings.office,
      log: this.log,
      open: (articleId) => this.openReview(articleId).doc,
      shared: (articleId) => this.articles.has(articleId) && !this.closed,
      changed: (articleId) => {
        this.ctx.emit('articles.changed', { id: articleId });
        if (this.live.has(articleId)) this.options.onLiveChange?.(articleId, null);
      },
    });
    if (this.signer) this.reviews.setKey(this.signer.userId, this.signer);
    this.blobs = new BlobSync(ctx, this.pin, {
      signer: () => this.signer,
      log: this.log,
      onStored: (hash) => options.onImageStored?.(hash),
      onBusy: () => this.updateState(),
      // A join lists the articles before it fetches their photos (both want the same processor).
      textsFirst: () => this.waiting.length > 0,
      minDelayMs: options.minDelayMs,
      maxDelayMs: options.maxDelayMs,
    });
    this.load();
  }

  /** The connection for this workstation's office, or null when it belongs to none. */
  static open(ctx: CoreContext, options: OfficeConnectionOptions = {}): OfficeConnection | null {
    const settings = readOfficeConnection(ctx);
    return settings ? new OfficeConnection(ctx, settings, options) : null;
  }

  /** The directory document as this workstation holds it. */
  get doc(): Y.Doc {
    return this.shared.get(DIRECTORY_DOCUMENT)!.doc;
  }

  /** An article's content document as this workstation holds it, if it is shared. */
  articleDoc(articleId: string): Y.Doc | null {
    return this.articles.get(articleId)?.doc ?? null;
  }

  /** Applies what the log holds (a crash may have come between storing and applying), then connects. */
  start(): void {
    if (this.closed) return;
    this.scheduleVerify();
    this.followIndex();
    for (const articleId of this.articles.keys()) this.changedArticles.add(articleId);
    this.scheduleArticleRows();
    // Images the articles name and the store lacks (a fetch a stop cut short) are awaited again.
    this.blobs.want();
    this.heartbeat = setInterval(() => {
      this.confirmState();
      this.announceViewing();
    }, this.options.heartbeatMs ?? HEARTBEAT_MS);
    this.heartbeat.unref();
    this.connect();
    this.updateState();
  }

  /** The account the connection signs in to the server as, if any. */
  get signerUserId(): string | null {
    return this.signer?.userId ?? null;
  }

  /** Who is signed in now (null: nobody). A different signer reconnects, so the server sees who it is. */
  setSigner(signer: OfficeSigner | null): void {
    if (signer) this.reviews.setKey(signer.userId, signer);
    else if (this.signer) this.reviews.setKey(this.signer.userId, null);
    if (this.signer?.fingerprint === signer?.fingerprint) {
      this.signer = signer;
      return;
    }
    this.signer = signer;
    this.authFailures = 0;
    this.authProblem = null;
    for (const shared of this.shared.values()) shared.refused = false;
    if (this.closed || !this.heartbeat) return;
    this.disconnect();
    this.followIndex();
    this.connect();
    this.updateState();
  }

  /**
   * On the workstation holding the office key: every account whose entry the directory lacks (a new
   * account, a disabled one, a new key) is appended as an entry signed by the office key. The entries
   * are local updates: stored, counted as pending, and sent as soon as an administrator's sign-in
   * lets the server accept them. Returns how many entries were new.
   */
  publishAccounts(): number {
    const officeKey = findOfficeKey(this.ctx);
    if (!officeKey || officeKey.fingerprint !== this.settings.office) return 0;
    const { officeKey: publicKey, entries } = directoryEntriesFromDatabase(this.ctx);
    const before = this.doc.getArray('entries').length;
    appendDirectoryEntries(this.doc, entries, publicKey);
    return this.doc.getArray('entries').length - before;
  }

  /** The live status (officeStatus reads the same from the database). */
  status(): OfficeStatus {
    const { state, problem } = this.computeState();
    const row = this.ctx.db.prepare('SELECT last_sync_at FROM office_sync_state WHERE id = 1').get() as
      { last_sync_at: string | null } | undefined;
    return {
      server: this.settings.url,
      state,
      lastSyncAt: row?.last_sync_at ?? null,
      pendingChanges: pendingChanges(this.ctx),
      problem,
    };
  }

  /** Articles whose first sync on this connection has not ended: waiting their turn or under way. */
  articlesToSync(): number {
    let count = 0;
    for (const shared of this.shared.values()) {
      if (shared.pending && parseDocumentName(shared.name)?.kind === 'content') count += 1;
    }
    return count + this.waiting.filter((shared) => !shared.provider && !shared.refused).length;
  }

  /** Resolves once every change received so far has been verified and applied. */
  settled(): Promise<void> {
    return this.verifying;
  }

  /** Stops for good; what is stored stays stored, the pending updates go at the next start. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.writeIncoming();
    this.closed = true;
    this.blobs.stop();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.disconnect();
    await this.verifying;
    // Closed on purpose: offline from now on, whatever `bientap office status` is asked before the next start.
    try {
      if (this.lastState) writeLinkState(this.ctx, 'offline', null);
    } catch (error) {
      this.log(`Không ghi được trạng thái đồng bộ: ${(error as Error).message}`);
    }
  }

  /**
   * An article was created or saved here (inside the transaction that saved it): its content
   * document takes the change, so it is on disk in the log when the save is. Throws (and the save
   * is undone) when the log cannot take it.
   */
  articleSaved(articleId: string): void {
    if (this.closed || this.fromEditor === articleId) return;
    const known = this.articles.get(articleId);
    if (known) {
      known.recordSave(this.ctx);
      return;
    }
    this.shareArticle(articleId);
  }

  /**
   * A workflow event made here, inside the transaction that makes it: signed into the article's
   * review document and folded into its log and status. False when the article is not shared.
   */
  recordEvent(
    event: NewEvent & { id: string; at: string },
    signer?: { privateKey: KeyObject; keyFingerprint: string },
  ): 'folded' | 'appended' | false {
    return this.reviews.record(event, signer);
  }

  /** A comment entry stored here, inside its transaction: signed into the article's review document. */
  commentAdded(entry: NewComment): void {
    this.reviews.comment(entry);
  }

  /** Someone signed out here: events are no longer signed in her name. */
  forgetKey(userId: string): void {
    if (this.signer?.userId !== userId) this.reviews.setKey(userId, null);
  }

  /** An image was stored here: it goes up to the server, before the text naming it is likely to. */
  imageStored(): void {
    this.blobs.kick();
  }

  /** Whether an image the articles name is still on its way from the server (and why it is late), else null. */
  awaitingImage(hash: string): { problem: string | null } | null {
    return this.blobs.awaiting(hash);
  }

  /**
   * The shared document of an article, for a live editor here (null: not shared with the office).
   * Its changes are announced from now on.
   */
  liveDocument(articleId: string): Y.Doc | null {
    const article = this.closed ? undefined : this.articles.get(articleId);
    if (!article || article.doc.share.size === 0) return null;
    this.live.add(articleId);
    // Still waiting for its turn to sync (a join under way): it goes now.
    const shared = this.shared.get(articleDocumentName(articleId, 'content'));
    if (shared && !shared.provider) this.attach(shared);
    return article.doc;
  }

  /**
   * The live editor `session` has the article open for `viewer` (or has closed it: null). The
   * office hears who views what through the directory's awareness, which every workstation has.
   */
  setViewer(articleId: string, session: string, viewer: Viewer | null): void {
    let here = this.viewers.get(articleId);
    if (viewer) {
      if (!here) this.viewers.set(articleId, (here = new Map()));
      const known = here.get(session);
      here.set(session, { ...viewer, seenAt: Date.now() });
      if (known) return;
    } else if (!here?.delete(session)) return;
    this.announceViewing();
    this.options.onLiveChange?.(articleId, session);
  }

  /** Who else has the article open, here or on another workstation: their names, each once. */
  viewersOf(articleId: string, exceptUserId: string): string[] {
    const names = new Map<string, string>();
    for (const viewer of this.viewers.get(articleId)?.values() ?? []) names.set(viewer.userId, viewer.name);
    const awareness = this.shared.get(DIRECTORY_DOCUMENT)?.provider?.awareness;
    if (awareness) {
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue;
        for (const entry of viewingOf(state)) {
          if (entry.articleId === articleId) names.set(entry.userId, entry.name);
        }
      }
    }
    names.delete(exceptUserId);
    return [...names.values()].sort((a, b) => a.localeCompare(b, 'vi'));
  }

  /** Tells the office who views what here, dropping editors gone silent (a window that crashed). */
  private announceViewing(): void {
    const now = Date.now();
    const viewing: ViewingEntry[] = [];
    for (const [articleId, sessions] of this.viewers) {
      const users = new Map<string, string>();
      for (const [session, viewer] of sessions) {
        if (now - viewer.seenAt > VIEWER_TIMEOUT_MS) {
          sessions.delete(session);
          this.options.onLiveChange?.(articleId, null);
        } else users.set(viewer.userId, viewer.name);
      }
      if (sessions.size === 0) this.viewers.delete(articleId);
      for (const [userId, name] of users) viewing.push({ articleId, userId, name });
    }
    const text = JSON.stringify(viewing);
    if (text === this.announcedViewing) return;
    this.announcedViewing = text;
    this.shared.get(DIRECTORY_DOCUMENT)?.provider?.setAwarenessField('viewing', viewing);
  }

  /**
   * Applies what a live editor here typed (a Yjs update). It must touch only the body and the fields
   * beside it (checked before it is applied: once applied it is on its way to the office); `check`
   * runs in the transaction that stores it (whether the editor may change the text now). Then `save`
   * writes the row from the document, in a savepoint of that transaction: should the article as it
   * now stands be refused there (an image not in the store), what was typed stays stored and sent,
   * the error is thrown once it is, and the row waits for an edit that makes it acceptable again.
   */
  applyFromEditor<T>(
    articleId: string,
    update: Uint8Array,
    session: string,
    steps: { editorId: string; check(): void; save(current: ArticleContent): T },
  ): T {
    const article = this.articles.get(articleId);
    if (!article || this.closed) throw new AppError('NOT_FOUND', 'Bài này không còn được chia sẻ với văn phòng.');
    assertUpdateWithin(article.doc, update, EDITOR_ROOTS);
    let applied = false;
    let saved: { result: T } | { failure: unknown } | null = null;
    try {
      // One transaction (one write to disk): the update, and in a savepoint within it the row.
      this.ctx.db
        .transaction(() => {
          steps.check();
          applied = true;
          // Named first, so wherever the change arrives its writer is known when it is written.
          article.markEditor(steps.editorId);
          Y.applyUpdate(article.doc, update, new FromEditor(session));
          this.fromEditor = articleId;
          try {
            saved = { result: this.ctx.db.transaction(() => steps.save(article.read(true)))() };
          } catch (failure) {
            saved = { failure };
          } finally {
            this.fromEditor = null;
          }
        })
        .immediate();
    } catch (error) {
      // Not stored: the documents go back to what the log holds (the server, which may have it
      // already, sends it back).
      if (applied) setImmediate(() => this.rebuild());
      throw error;
    }
    const outcome = saved as { result: T } | { failure: unknown } | null;
    if (!outcome || 'failure' in outcome) throw outcome?.failure;
    return outcome.result;
  }

  /**
   * Every article this workstation has goes into the office's index and gets its content document.
   * Run once the index has synced with the server: an article the office already lists (a data
   * folder copied from another workstation) is taken from the server, never begun a second time
   * (two documents begun apart from one article would merge into the text twice).
   */
  private shareLocalArticles(): void {
    const index = this.shared.get(ARTICLE_INDEX_DOCUMENT)!.doc.getMap(ARTICLE_INDEX);
    const ids = this.ctx.db.prepare('SELECT id FROM articles ORDER BY created_at, id').pluck().all() as string[];
    for (const id of ids) {
      if (this.articles.has(id)) continue;
      if (index.has(id)) this.openArticle(id);
      else this.shareArticle(id);
    }
  }

  /** Lists an article in the index and opens its content document, begun from the row if it has none. */
  private shareArticle(articleId: string): void {
    const index = this.shared.get(ARTICLE_INDEX_DOCUMENT)!.doc.getMap(ARTICLE_INDEX);
    const article = this.openArticle(articleId);
    // A document with nothing in it yet (no update stored or received) is begun from the row.
    if (article.doc.store.clients.size === 0) {
      ArticleDocument.begin(this.ctx, articleId, article.doc);
      this.reviews.shareHistory(articleId);
    }
    if (!index.has(articleId)) {
      const origin = readOrigin(article.doc);
      const reviewed = this.shared.has(articleDocumentName(articleId, 'review')) ? { reviewed: true } : {};
      index.set(articleId, origin ? { authorId: origin.authorId, createdAt: origin.createdAt, ...reviewed } : reviewed);
    }
  }

  /** The article's content document, loaded from the log and shared on the link (once). */
  private openArticle(articleId: string): ArticleDocument {
    let article = this.articles.get(articleId);
    if (!article) {
      const shared = this.openShared(articleDocumentName(articleId, 'content'));
      article = new ArticleDocument(articleId, shared.doc);
      this.articles.set(articleId, article);
    }
    return article;
  }

  /**
   * The article's review document, loaded from the log and shared on the link (once). The index
   * marks the article as reviewed, so that workstations open review documents only for articles
   * that have one (a join of an archive of drafts opens none).
   */
  private openReview(articleId: string): SharedDocument {
    const name = articleDocumentName(articleId, 'review');
    const known = this.shared.get(name);
    if (known) return known;
    const shared = this.openShared(name);
    const index = this.shared.get(ARTICLE_INDEX_DOCUMENT)!.doc.getMap<Record<string, unknown>>(ARTICLE_INDEX);
    const entry = index.get(articleId);
    if (entry && entry.reviewed !== true) index.set(articleId, { ...entry, reviewed: true });
    this.reviews.opened(articleId, shared.doc);
    return shared;
  }

  /** Opens every document the index lists that is not open yet (articles begun elsewhere). */
  private followIndex(): void {
    const index = this.shared.get(ARTICLE_INDEX_DOCUMENT)!.doc.getMap(ARTICLE_INDEX);
    for (const [articleId, entry] of index.entries()) {
      if (!parseDocumentName(articleDocumentName(articleId, 'content'))) continue;
      const listed = entry as { authorId?: unknown; reviewed?: unknown } | undefined;
      if (!this.mayFollow(listed?.authorId)) continue;
      if (listed?.reviewed === true && !this.shared.has(articleDocumentName(articleId, 'review'))) {
        this.openReview(articleId);
      }
      if (this.articles.has(articleId)) continue;
      this.openArticle(articleId);
      this.changedArticles.add(articleId);
    }
    this.scheduleArticleRows();
  }

  /**
   * Whether the article of `authorId` is one the signed-in person works on: a reporter her own,
   * everyone else every article (the server refuses the rest all the same).
   */
  private mayFollow(authorId: unknown): boolean {
    const signer = this.signer;
    if (!signer) return false;
    const role = this.ctx.db.prepare('SELECT role FROM users WHERE id = ?').pluck().get(signer.userId);
    return role !== 'reporter' || authorId === signer.userId;
  }

  /** Writes the rows of articles whose content changed elsewhere, soon and once per burst. */
  private scheduleArticleRows(): void {
    if (this.applyingArticles || this.changedArticles.size === 0 || this.closed) return;
    this.applyingArticles = setImmediate(() => {
      this.applyingArticles = null;
      this.applyArticleRows();
    });
  }

  private applyArticleRows(): void {
    // Rows follow what is on disk: the updates received so far are written first.
    if (!this.writeIncoming()) return;
    const changed = [...this.changedArticles];
    this.changedArticles.clear();
    const written: string[] = [];
    let photos = false;
    try {
      // One transaction for the burst (a join brings thousands), each article in a savepoint of its
      // own: one that cannot be written is reported and the others are. Committed without waiting
      // for the disk: every row is derived from its document again at the next start.
      writeWithoutWaiting(this.ctx.db, () =>
        this.ctx.db
          .transaction(() => {
            for (const articleId of changed) {
              const article = this.articles.get(articleId);
              if (!article || article.doc.share.size === 0) continue;
              try {
                if (this.ctx.db.transaction(() => article.applyToRow(this.ctx))()) {
                  written.push(articleId);
                  photos = this.blobs.want(articleId) || photos;
                }
              } catch (error) {
                this.log(`Không ghi được bài ${articleId} nhận từ máy chủ: ${(error as Error).message}`);
              }
            }
          })
          .immediate(),
      );
    } catch (error) {
      this.log(`Không ghi được các bài nhận từ máy chủ: ${(error as Error).message}`);
      return;
    }
    if (photos) this.blobs.kick();
    for (const articleId of written) {
      // Its workflow follows its content: an approval holds only while the text is what was signed.
      this.reviews.changed(articleId);
      this.ctx.emit('articles.changed', { id: articleId });
      // Its open editors take the row's new version and status.
      if (this.live.has(articleId)) this.options.onLiveChange?.(articleId, null);
    }
  }

  /** Loads every document the log holds (the directory and the index always). */
  private load(): void {
    this.openShared(DIRECTORY_DOCUMENT);
    this.openShared(ARTICLE_INDEX_DOCUMENT);
    const names = this.ctx.db
      .prepare('SELECT DISTINCT document FROM office_document_updates')
      .pluck()
      .all() as string[];
    for (const name of names) {
      const parsed = parseDocumentName(name);
      if (parsed?.kind === 'content') this.openArticle(parsed.articleId);
      else if (parsed?.kind === 'review') this.reviews.opened(parsed.articleId, this.openShared(name).doc);
    }
  }

  /** A document loaded from the log, with a provider on the link if the link is up. */
  private openShared(name: string): SharedDocument {
    const existing = this.shared.get(name);
    if (existing) return existing;
    // Named by the document (a fresh random guid costs more than the rest of opening an empty one).
    const doc = new Y.Doc({ guid: name });
    const shared: SharedDocument = { name, doc, provider: null, refused: false, pending: false };
    Y.applyUpdate(doc, this.store.load(name), FROM_DISK);
    // Registered before any provider's listener: the row is written before the update is sent on.
    doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(shared, update, origin));
    this.shared.set(name, shared);
    if (this.socket) this.attach(shared);
    return shared;
  }

  private onUpdate(shared: SharedDocument, update: Uint8Array, origin: unknown): void {
    if (origin === FROM_DISK || this.closed || this.shared.get(shared.name) !== shared) return;
    const remote = shared.provider !== null && origin === shared.provider;
    // Made here: on disk in the transaction that made it. Received: written with the others that
    // arrive in the same turn, in one transaction (the server holds them all the same, and sends
    // again what a crash kept from the disk).
    if (remote) this.receive(shared.name, update);
    else this.store.append(shared.name, update, true);
    if (shared.name === DIRECTORY_DOCUMENT) this.scheduleVerify();
    else if (shared.name === ARTICLE_INDEX_DOCUMENT) this.followIndex();
    else {
      const parsed = parseDocumentName(shared.name);
      if (parsed?.kind === 'review' && remote) this.reviews.changed(parsed.articleId);
      if (parsed?.kind === 'content') {
        if (remote) {
          this.changedArticles.add(parsed.articleId);
          this.scheduleArticleRows();
        }
        if (this.live.has(parsed.articleId)) {
          this.options.onLiveChange?.(parsed.articleId, origin instanceof FromEditor ? origin.session : null);
        }
      }
    }
    this.updateStateSoon();
  }

  private stateSoon: NodeJS.Immediate | null = null;

  /** Updates the state once the updates arriving in this turn are in (a join brings thousands at once). */
  private updateStateSoon(): void {
    this.stateSoon ??= setImmediate(() => {
      this.stateSoon = null;
      this.updateState();
    });
  }

  /** Received updates not written yet, oldest first, and the turn that writes them. */
  private incoming: { name: string; update: Uint8Array }[] = [];
  private writingIncoming: NodeJS.Immediate | null = null;

  private receive(name: string, update: Uint8Array): void {
    this.incoming.push({ name, update });
    this.writingIncoming ??= setImmediate(() => this.writeIncoming());
  }

  /** Writes the received updates in one transaction; false when they could not be (the documents are then rebuilt). */
  private writeIncoming(): boolean {
    if (this.writingIncoming) clearImmediate(this.writingIncoming);
    this.writingIncoming = null;
    const batch = this.incoming;
    this.incoming = [];
    if (batch.length === 0 || this.closed) return true;
    try {
      // Committed without waiting for the disk: what a power cut loses, the server sends again at
      // the next connection, and any later write that waits (a save here) takes these with it.
      writeWithoutWaiting(this.ctx.db, () =>
        this.ctx.db.transaction(() => {
          for (const { name, update } of batch) this.store.append(name, update, false);
        })(),
      );
      return true;
    } catch (error) {
      // Not on disk, so not received: the documents go back to what the log holds and the server
      // sends the updates again at the next connection.
      this.log(`Không lưu được cập nhật từ máy chủ: ${(error as Error).message}`);
      setImmediate(() => this.rebuild());
      return false;
    }
  }

  private rebuild(): void {
    if (this.closed) return;
    // What was received and not written goes with the documents: the server sends it again.
    if (this.writingIncoming) clearImmediate(this.writingIncoming);
    this.writingIncoming = null;
    this.incoming = [];
    this.disconnect();
    for (const article of this.articles.values()) article.dispose();
    this.articles.clear();
    this.shared.clear();
    this.reviews.clear();
    this.load();
    this.retryLater();
  }

  private connect(): void {
    if (this.closed || this.socket || !this.signer) return;
    const WebSocketClass = this.pinnedWebSocket();
    const delay = this.options.minDelayMs ?? 1000;
    this.socket = new HocuspocusProviderWebsocket({
      url: this.settings.url,
      WebSocketPolyfill: WebSocketClass,
      delay,
      minDelay: delay,
      maxDelay: this.options.maxDelayMs ?? 30_000,
      factor: 2,
      jitter: true,
      maxAttempts: 0,
      onStatus: ({ status }) => {
        if (status === WebSocketStatus.Connected) this.socketProblemText = null;
        else {
          this.socketToken = null;
          this.blobs.setOnline(false);
        }
        this.updateState();
      },
    });
    for (const shared of this.shared.values()) this.attach(shared);
  }

  /** Documents waiting for their first sync to start on this connection, and how many are under way. */
  private waiting: SharedDocument[] = [];
  private syncing = 0;

  /** Review documents waiting for their first sync, taken once no article's content waits. */
  private waitingReviews: SharedDocument[] = [];

  /** A provider for one document on the shared socket: now, or once fewer first syncs are under way. */
  private attach(shared: SharedDocument): void {
    if (!this.socket || shared.provider || shared.refused) return;
    // The directory, the index and an article open in a live editor here do not wait.
    const parsed = parseDocumentName(shared.name);
    const article = parsed?.kind === 'content' || parsed?.kind === 'review';
    const first = !article || this.live.has(parsed.articleId);
    if (!first && this.syncing >= (this.options.syncsAtOnce ?? SYNCS_AT_ONCE)) {
      // The texts first (what makes the list), then their reviews (what makes their status).
      (parsed.kind === 'review' ? this.waitingReviews : this.waiting).push(shared);
      return;
    }
    this.syncing += 1;
    shared.pending = true;
    this.provide(shared);
  }

  /** A document's first sync ended (or will not happen on this connection): the next one starts. */
  private synced(shared: SharedDocument): void {
    if (!shared.pending) return;
    shared.pending = false;
    this.syncing -= 1;
    for (
      let next = this.waiting.shift() ?? this.waitingReviews.shift();
      next;
      next = this.waiting.shift() ?? this.waitingReviews.shift()
    ) {
      if (this.shared.get(next.name) !== next || next.provider || next.refused) continue;
      this.attach(next);
      if (this.syncing >= (this.options.syncsAtOnce ?? SYNCS_AT_ONCE)) return;
    }
    // Every text has begun its sync: the photos' turn.
    this.blobs.kick();
  }

  private provide(shared: SharedDocument): void {
    const socket = this.socket!;
    const directory = shared.name === DIRECTORY_DOCUMENT;
    shared.provider = new HocuspocusProvider({
      name: shared.name,
      // The directory keeps the default awareness: its periodic renewal is the traffic by which a
      // silently dead link is noticed (the socket's messageReconnectTimeout) and replaced.
      document: shared.doc,
      ...(directory ? {} : { awareness: null }),
      websocketProvider: socket,
      // A fresh challenge, signed by whoever is signed in now, at every (re)connection of the socket.
      token: () => {
        const signer = this.signer;
        if (!signer) throw new Error('không có ai đăng nhập');
        if (!this.socketToken) {
          const signing = serverToken(this.pin, signer);
          this.socketToken = signing;
          signing.catch(() => {
            if (this.socketToken === signing) this.socketToken = null;
          });
        }
        return this.socketToken;
      },
      onAuthenticated: ({ scope }) => {
        this.authFailures = 0;
        this.authProblem = null;
        this.socketProblemText = null;
        if (directory) {
          this.readOnly = scope === 'readonly';
          // A server started again knows nobody's state: who views what here is told again at once.
          this.announcedViewing = '';
          this.announceViewing();
          this.blobs.setOnline(true);
        }
        this.updateStateSoon();
      },
      onAuthenticationFailed: ({ reason }) => {
        const kind = parseDocumentName(shared.name)?.kind;
        if (reason === 'forbidden' && (kind === 'content' || kind === 'review')) this.leaveAlone(shared);
        else this.onRefused(reason);
      },
      onSynced: () => {
        this.synced(shared);
        if (shared.name === ARTICLE_INDEX_DOCUMENT) this.shareLocalArticles();
        this.updateStateSoon();
      },
      onUnsyncedChanges: ({ number }) => this.onUnsynced(shared, number),
    });
    if (directory) {
      const provider = shared.provider;
      // A new provider starts with no state: who views what here is told again.
      this.announcedViewing = '';
      this.announceViewing();
      provider.awareness?.on('change', () => {
        for (const articleId of this.live) this.options.onLiveChange?.(articleId, null);
      });
    }
    // Attaching to the shared socket connects (or waits for it to connect).
    shared.provider.attach();
  }

  private disconnect(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    this.socketToken = null;
    this.blobs.setOnline(false);
    // The socket goes too: its listeners are dropped first, or each provider leaving would search
    // all the others' (thousands of articles made closing take minutes).
    socket?.removeAllListeners();
    this.waiting = [];
    this.waitingReviews = [];
    this.syncing = 0;
    for (const shared of this.shared.values()) {
      const provider = shared.provider;
      shared.provider = null;
      shared.pending = false;
      provider?.destroy();
    }
    socket?.destroy();
  }

  /** An article the server does not open to whoever is signed in: the rest of the link goes on. */
  private leaveAlone(shared: SharedDocument): void {
    shared.refused = true;
    this.synced(shared);
    const provider = shared.provider;
    shared.provider = null;
    provider?.destroy();
    this.log(`Máy chủ không mở ${shared.name} cho người đang đăng nhập: bài của người khác.`);
    this.updateStateSoon();
  }

  /**
   * Refused sign-in: the server keeps the socket open but will never sync this document on it, so
   * the link is dropped and tried again later with a fresh challenge, waiting longer each time.
   */
  private onRefused(reason: string): void {
    this.authProblem = refusalMessage(reason);
    this.log(`Máy chủ văn phòng từ chối đăng nhập: ${reason}`);
    this.authFailures += 1;
    this.disconnect();
    this.updateState();
    this.retryLater();
  }

  private retryLater(): void {
    if (this.closed || this.retryTimer) return;
    const min = this.options.minDelayMs ?? 1000;
    const max = this.options.maxDelayMs ?? 30_000;
    const ceiling = Math.min(max, min * 2 ** Math.min(this.authFailures, 20));
    const wait = min + Math.random() * Math.max(0, ceiling - min);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
      this.updateState();
    }, wait);
    this.retryTimer.unref?.();
  }

  /**
   * The provider counts updates sent and not yet acknowledged; at zero, the server holds every update
   * this workstation has stored (the sync exchange at each connection covers whatever was made
   * offline, and each later update is acknowledged in order), so every stored row stops pending.
   */
  private onUnsynced(shared: SharedDocument, count: number): void {
    const provider = shared.provider;
    if (count !== 0 || !provider?.isAuthenticated || this.closed) return;
    const acknowledged = this.store.acknowledged(shared.name, this.store.mark(shared.name));
    if (acknowledged > 0) {
      try {
        this.store.compactIfLong(shared.name);
      } catch (error) {
        this.log(`Không gộp được nhật ký ${shared.name}: ${(error as Error).message}`);
      }
    }
    this.updateStateSoon();
  }

  private computeState(): { state: LinkState; problem: string | null } {
    if (this.closed) return { state: 'offline', problem: null };
    if (!this.signer)
      return { state: 'offline', problem: 'Chưa có ai đăng nhập trên máy này: chưa kết nối tới máy chủ.' };
    const connected = this.socket?.status === WebSocketStatus.Connected;
    if (!this.socket || !connected) {
      return { state: 'offline', problem: this.authProblem ?? this.socketProblemText };
    }
    for (const shared of this.shared.values()) {
      if (shared.refused) continue;
      const provider = shared.provider;
      if (!provider?.isAuthenticated) return { state: 'syncing', problem: null };
      // A read-only sign-in (not an administrator) cannot send the directory changes made here:
      // they wait, counted as pending, for an administrator's sign-in.
      const sendsAll = (shared.name === DIRECTORY_DOCUMENT && this.readOnly) || provider.unsyncedChanges === 0;
      if (!provider.synced || !sendsAll) return { state: 'syncing', problem: null };
    }
    if (this.blobs.busy) return { state: 'syncing', problem: null };
    return { state: 'synced', problem: null };
  }

  private updateState(): void {
    if (this.closed) return;
    const next = this.computeState();
    const last = this.lastState;
    if (last && last.state === next.state && last.problem === next.problem && next.state !== 'synced') return;
    this.lastState = next;
    try {
      writeLinkState(this.ctx, next.state, next.problem);
    } catch (error) {
      this.log(`Không ghi được trạng thái đồng bộ: ${(error as Error).message}`);
      return;
    }
    if (!last || last.state !== next.state || last.problem !== next.problem) this.options.onStatus?.(this.status());
  }

  /** The heartbeat: a running connection re-states where it stands (and, when synced, that it still is). */
  private confirmState(): void {
    if (this.closed) return;
    const next = this.computeState();
    this.lastState = next;
    try {
      writeLinkState(this.ctx, next.state, next.problem);
    } catch (error) {
      this.log(`Không ghi được trạng thái đồng bộ: ${(error as Error).message}`);
    }
  }

  private scheduleVerify(): void {
    if (this.verifyQueued) return;
    this.verifyQueued = true;
    this.verifying = this.verifying.then(() => {
      this.verifyQueued = false;
      return this.verifyAndApply();
    });
  }

  private async verifyAndApply(): Promise<void> {
    if (this.closed) return;
    try {
      const verified = await readDirectory(
        this.doc,
        { fingerprint: this.settings.office, publicKey: this.settings.officeKey },
        this.cache,
      );
      if (this.closed) return;
      const applied = applyDirectory(this.ctx, verified);
      const officeKey = this.settings.officeKey ?? (await officeKeyFromDirectory(this.doc, this.settings.office));
      if (this.closed) return;
      // An empty directory (the office's own desk before its first sync) judges nobody: events wait.
      if (verified.history.size > 0)
        this.reviews.directoryVerified({
          office: { fingerprint: this.settings.office, publicKey: officeKey },
          directory: verified.history,
        });
      this.rejected = verified.rejected;
      this.lastApplied = applied;
      for (const { entry, reason } of verified.rejected) {
        const identity = entryIdentity(entry) ?? String(entry);
        if (this.reported.has(identity)) continue;
        this.reported.add(identity);
        const who = (entry as { username?: unknown } | null)?.username;
        this.log(`Bỏ qua một mục danh bạ văn phòng${typeof who === 'string' ? ` (${who})` : ''}: ${reason}`);
      }
      for (const conflict of applied.conflicts) {
        if (this.reported.has(`conflict:${conflict.userId}:${conflict.reason}`)) continue;
        this.reported.add(`conflict:${conflict.userId}:${conflict.reason}`);
        this.log(`Không nhận tài khoản ${conflict.username} từ danh bạ văn phòng: ${conflict.reason}`);
      }
      this.options.onDirectory?.(applied);
    } catch (error) {
      this.log(`Không áp dụng được danh bạ văn phòng: ${(error as Error).message}`);
    }
  }

  /** ws's WebSocket, accepting exactly the pinned certificate; the reason of a failed attempt is kept. */
  private pinnedWebSocket(): typeof WebSocket {
    // A handshake that never completes (a link cut without a reset) fails after this long and is retried.
    const tls = { ...pinnedTlsOptions(this.pin), handshakeTimeout: HANDSHAKE_TIMEOUT_MS };
    const onError = (error: Error) => {
      this.socketProblemText = socketProblem(this.settings.url, error);
      this.updateState();
    };
    return class PinnedWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        // ws hands these to tls.connect; its typings describe checkServerIdentity with another signature than Node's.
        super(address, protocols ?? [], tls as unknown as WebSocket.ClientOptions);
        // Always listened to: an error after the provider dropped its listeners must not go unhandled.
        this.on('error', onError);
      }
    } as typeof WebSocket;
  }
}
