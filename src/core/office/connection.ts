import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import type { KeyObject } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  appendDirectoryEntries,
  entryIdentity,
  readDirectory,
  type RejectedEntry,
  type VerificationCache,
} from '../../shared/sync/directory';
import { DIRECTORY_DOCUMENT } from '../../shared/sync/documents';
import type { CoreContext } from '../context';
import { findOfficeKey } from '../seal/officeKey';
import { unseal } from '../signoff/keys';
import { findSealedKey } from '../users/repo';
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
  /** Merge a document's acknowledged local rows beyond this many (default 200). */
  compactAbove?: number;
}

const HANDSHAKE_TIMEOUT_MS = 15_000;

/** Updates applied from the local log: already on disk, not to be written again. */
const FROM_DISK = Symbol('office-store');

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

/**
 * The workstation's live link to the office server, for the `office/directory` document: a
 * Hocuspocus provider over WebSocket-over-TLS that accepts only the certificate pinned at join,
 * signs in with a fresh challenge signature at every (re)connection, and reconnects with backoff
 * forever. Every update of the document, received or made here, is appended to the local log
 * inside the transaction that applies it, so it is on disk before anything treats it as received;
 * the log rebuilds the document at the next start. After every change the directory is verified
 * against the pinned office key and applied to this database; rejected entries are reported.
 */
export class OfficeConnection {
  private readonly store: LocalDocumentStore;
  private readonly log: (line: string) => void;
  private readonly pin: OfficeServerPin;
  private readonly cache: VerificationCache = new Map();
  private readonly reported = new Set<string>();
  private signer: OfficeSigner | null;
  private docValue: Y.Doc;
  private provider: HocuspocusProvider | null = null;
  private socket: HocuspocusProviderWebsocket | null = null;
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
    this.docValue = this.loadDocument();
  }

  /** The connection for this workstation's office, or null when it belongs to none. */
  static open(ctx: CoreContext, options: OfficeConnectionOptions = {}): OfficeConnection | null {
    const settings = readOfficeConnection(ctx);
    return settings ? new OfficeConnection(ctx, settings, options) : null;
  }

  /** The directory document as this workstation holds it. */
  get doc(): Y.Doc {
    return this.docValue;
  }

  /** Applies what the log holds (a crash may have come between storing and applying), then connects. */
  start(): void {
    if (this.closed) return;
    this.scheduleVerify();
    this.heartbeat = setInterval(() => this.confirmState(), this.options.heartbeatMs ?? HEARTBEAT_MS);
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
    if (this.signer?.fingerprint === signer?.fingerprint) {
      this.signer = signer;
      return;
    }
    this.signer = signer;
    this.authFailures = 0;
    this.authProblem = null;
    if (this.closed || !this.heartbeat) return;
    this.disconnect();
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
    const before = this.docValue.getArray('entries').length;
    appendDirectoryEntries(this.docValue, entries, publicKey);
    return this.docValue.getArray('entries').length - before;
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

  /** Resolves once every change received so far has been verified and applied. */
  settled(): Promise<void> {
    return this.verifying;
  }

  /** Stops for good; what is stored stays stored, the pending updates go at the next start. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
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

  private loadDocument(): Y.Doc {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, this.store.load(DIRECTORY_DOCUMENT), FROM_DISK);
    // Registered before any provider's listener: the row is written before the update is sent on.
    doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(doc, update, origin));
    return doc;
  }

  private onUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
    if (origin === FROM_DISK || this.closed || doc !== this.docValue) return;
    const remote = this.provider !== null && origin === this.provider;
    try {
      this.store.append(DIRECTORY_DOCUMENT, update, !remote);
    } catch (error) {
      // Not on disk, so not received: the document goes back to what the log holds and the server
      // sends the update again at the next connection.
      this.log(`Không lưu được cập nhật danh bạ văn phòng: ${(error as Error).message}`);
      setImmediate(() => this.rebuild());
      return;
    }
    this.scheduleVerify();
    this.updateState();
  }

  private rebuild(): void {
    if (this.closed) return;
    this.disconnect();
    this.docValue = this.loadDocument();
    this.retryLater();
  }

  private connect(): void {
    if (this.closed || this.provider || !this.signer) return;
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
        this.updateState();
      },
    });
    this.provider = new HocuspocusProvider({
      name: DIRECTORY_DOCUMENT,
      // The default awareness stays: its periodic renewal is the traffic by which a silently dead
      // link is noticed (the socket's messageReconnectTimeout) and replaced.
      document: this.docValue,
      websocketProvider: this.socket,
      // A fresh challenge, signed by whoever is signed in now, at every (re)connection.
      token: () => {
        const signer = this.signer;
        if (!signer) throw new Error('không có ai đăng nhập');
        return serverToken(this.pin, signer);
      },
      onAuthenticated: ({ scope }) => {
        this.authFailures = 0;
        this.authProblem = null;
        this.socketProblemText = null;
        this.readOnly = scope === 'readonly';
        this.updateState();
      },
      onAuthenticationFailed: ({ reason }) => this.onRefused(reason),
      onSynced: () => this.updateState(),
      onUnsyncedChanges: ({ number }) => this.onUnsynced(number),
    });
    // The socket is shared only by this provider; attaching it connects.
    this.provider.attach();
  }

  private disconnect(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const provider = this.provider;
    const socket = this.socket;
    this.provider = null;
    this.socket = null;
    provider?.destroy();
    socket?.destroy();
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
  private onUnsynced(count: number): void {
    const provider = this.provider;
    if (count !== 0 || !provider?.isAuthenticated || this.closed) return;
    const acknowledged = this.store.acknowledged(DIRECTORY_DOCUMENT, this.store.mark(DIRECTORY_DOCUMENT));
    if (acknowledged > 0) {
      try {
        this.store.compactIfLong(DIRECTORY_DOCUMENT);
      } catch (error) {
        this.log(`Không gộp được nhật ký danh bạ văn phòng: ${(error as Error).message}`);
      }
    }
    this.updateState();
  }

  private computeState(): { state: LinkState; problem: string | null } {
    if (this.closed) return { state: 'offline', problem: null };
    if (!this.signer)
      return { state: 'offline', problem: 'Chưa có ai đăng nhập trên máy này: chưa kết nối tới máy chủ.' };
    const provider = this.provider;
    const connected = this.socket?.status === WebSocketStatus.Connected;
    if (!provider || !connected) {
      return { state: 'offline', problem: this.authProblem ?? this.socketProblemText };
    }
    if (!provider.isAuthenticated) return { state: 'syncing', problem: null };
    // A read-only sign-in (not an administrator) cannot send the directory changes made here: they
    // wait, counted as pending, for an administrator's sign-in.
    const caughtUp = provider.synced && (this.readOnly || provider.unsyncedChanges === 0);
    return { state: caughtUp ? 'synced' : 'syncing', problem: null };
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
        this.docValue,
        { fingerprint: this.settings.office, publicKey: this.settings.officeKey },
        this.cache,
      );
      if (this.closed) return;
      const applied = applyDirectory(this.ctx, verified);
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
