import * as Y from 'yjs';

// A live editor's side of an article's shared document (collab.sync): the renderer holds a replica
// of the document, its editor bound to it; what is typed is sent as Yjs updates, acknowledged by the
// core once on disk, and what arrived elsewhere is fetched by state vector. Nothing here knows the
// transport: the caller passes the call.

export interface LiveSyncInput {
  articleId: string;
  session: string;
  stateVector: string;
  update?: string;
  leaving?: boolean;
}

export interface LiveSyncResult {
  shared: boolean;
  update: string;
  version: number;
  status: string;
  approvalVoided: boolean;
  viewers: string[];
}

/** Updates that came from the core: already there, never sent back. */
export const FROM_CORE = Symbol('from-core');

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let at = 0; at < binary.length; at++) bytes[at] = binary.charCodeAt(at);
  return bytes;
}

function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export class LiveSession {
  readonly doc = new Y.Doc();
  /** Names this editor to the core, which leaves it out when it announces the change it sent. */
  readonly id = newSessionId();
  /** Updates made here and not yet acknowledged, oldest first. */
  private pending: Uint8Array[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private waiting: Promise<LiveSyncResult> | null = null;
  private left = false;
  /** Changes from elsewhere that arrived while they could not be shown (`holdWhile`), oldest first. */
  private held: Uint8Array[] = [];
  private hold: () => boolean = () => false;

  constructor(
    readonly articleId: string,
    private readonly call: (input: LiveSyncInput) => Promise<LiveSyncResult>,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_CORE) this.pending.push(update);
    });
  }

  /** Whether something typed here has not been acknowledged yet. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /**
   * Sends what is pending and takes what is missing, one exchange at a time; calls made while one
   * is under way share the next. A failed exchange keeps its update pending for the next one.
   */
  sync(): Promise<LiveSyncResult> {
    if (this.waiting) return this.waiting;
    const next = this.queue.then(
      () => this.exchange(),
      () => this.exchange(),
    );
    this.waiting = next;
    this.queue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  /**
   * The editor closes: what is pending goes, and the others stop seeing this person viewing (every
   * exchange from now on says so, a last save that comes after this call included).
   */
  leave(): Promise<LiveSyncResult> {
    this.left = true;
    return this.sync();
  }

  /**
   * Changes from elsewhere wait while `check` says so (a Vietnamese word still being composed, which
   * a change applied under it would break); `release` shows them once it no longer does.
   */
  holdWhile(check: () => boolean): void {
    this.hold = check;
  }

  /** Applies the changes held back, unless they must still wait; true when none are left waiting. */
  release(): boolean {
    if (this.held.length === 0) return true;
    if (this.hold()) return false;
    const held = this.held;
    this.held = [];
    Y.applyUpdate(this.doc, held.length === 1 ? held[0]! : Y.mergeUpdates(held), FROM_CORE);
    return true;
  }

  /** The editor is (again) open: its exchanges count it among those viewing. */
  resume(): void {
    this.left = false;
  }

  private async exchange(): Promise<LiveSyncResult> {
    this.waiting = null;
    const sending = this.pending;
    this.pending = [];
    const update = sending.length === 0 ? undefined : sending.length === 1 ? sending[0]! : Y.mergeUpdates(sending);
    let result: LiveSyncResult;
    try {
      result = await this.call({
        articleId: this.articleId,
        session: this.id,
        stateVector: toBase64(Y.encodeStateVector(this.doc)),
        ...(update ? { update: toBase64(update) } : {}),
        ...(this.left ? { leaving: true } : {}),
      });
    } catch (error) {
      if (update) this.pending.unshift(update);
      throw error;
    }
    if (result.update) {
      const arrived = fromBase64(result.update);
      // Held, the state vector above leaves them missing: the next exchange brings them again, harmlessly.
      if (this.held.length > 0 || this.hold()) {
        this.held.push(arrived);
        this.release();
      } else Y.applyUpdate(this.doc, arrived, FROM_CORE);
    }
    return result;
  }

  destroy(): void {
    this.doc.destroy();
  }
}
