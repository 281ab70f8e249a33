/**
 * Decides when an open article is written, independent of React and the DOM.
 *
 * Guarantees:
 * - a save starts ~debounce ms after the last change (and at least every maxWait ms while typing goes on);
 * - at most one save is in flight; a save asked for during one runs right after it;
 * - the snapshot is taken when a save starts, so typing never pays for serialization;
 * - "saved" is reported only when an acknowledged save covered the latest change;
 * - failed saves are retried with backoff, except fatal ones (a conflict), which stop autosave.
 */

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'error';

export interface AutosaveStatus {
  readonly state: SaveState;
  /** The last failure, kept until a save succeeds. */
  readonly error: unknown;
  /** A fatal failure stopped autosave; the text stays on screen but is no longer written. */
  readonly stopped: boolean;
  /** When the next retry starts (epoch ms), while one is scheduled. */
  readonly retryAt: number | null;
}

export interface AutosaveOptions<T> {
  /** Captures what to write. Called synchronously when a save starts. */
  take(): T;
  write(snapshot: T): Promise<void>;
  /** Failures that must not be retried (a conflict: retrying would overwrite someone's work). */
  isFatal?(error: unknown): boolean;
  debounceMs?: number;
  /** Continuous typing still gets written at least this often. */
  maxWaitMs?: number;
  /** Delays between retries after consecutive failures; the last one repeats. */
  retryDelaysMs?: readonly number[];
  now?(): number;
}

type Timer = ReturnType<typeof setTimeout>;

interface Waiter {
  target: number;
  resolve(saved: boolean): void;
}

export const DEFAULT_DEBOUNCE_MS = 700;
export const DEFAULT_MAX_WAIT_MS = 5_000;
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

export class AutosaveController<T> {
  private readonly options: Required<Omit<AutosaveOptions<T>, 'isFatal'>> & Pick<AutosaveOptions<T>, 'isFatal'>;
  private changeCount = 0;
  private savedCount = 0;
  private inFlight = false;
  private rerun = false;
  private failures = 0;
  private lastError: unknown = null;
  private stopped = false;
  private disposed = false;
  private debounceTimer: Timer | null = null;
  private maxWaitTimer: Timer | null = null;
  private retryTimer: Timer | null = null;
  private retryAt: number | null = null;
  private waiters: Waiter[] = [];
  private readonly listeners = new Set<() => void>();
  private status: AutosaveStatus;

  constructor(options: AutosaveOptions<T>) {
    this.options = {
      debounceMs: DEFAULT_DEBOUNCE_MS,
      maxWaitMs: DEFAULT_MAX_WAIT_MS,
      retryDelaysMs: DEFAULT_RETRY_DELAYS_MS,
      now: () => Date.now(),
      ...options,
    };
    this.status = this.computeStatus();
  }

  /** Records one edit. Cheap: no serialization happens here. */
  markChanged(): void {
    if (this.disposed) return;
    this.changeCount += 1;
    if (!this.stopped) {
      if (this.debounceTimer !== null) clearTimeout(this.debounceTimer);
      this.debounceTimer = setTimeout(() => {
        this.debounceTimer = null;
        this.requestSave();
      }, this.options.debounceMs);
      this.maxWaitTimer ??= setTimeout(() => {
        this.maxWaitTimer = null;
        this.requestSave();
      }, this.options.maxWaitMs);
    }
    this.emit();
  }

  /**
   * Saves now. Resolves true once everything changed before the call is acknowledged,
   * false if that save failed or autosave is stopped (retries continue in the background).
   */
  flush(): Promise<boolean> {
    const target = this.changeCount;
    if (this.savedCount >= target) return Promise.resolve(true);
    if (this.stopped || this.disposed) return Promise.resolve(false);
    const promise = new Promise<boolean>((resolve) => this.waiters.push({ target, resolve }));
    this.requestSave();
    return promise;
  }

  getStatus = (): AutosaveStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get hasUnsavedChanges(): boolean {
    return this.changeCount > this.savedCount;
  }

  /** Stops timers and ignores later edits; a save already in flight still completes. */
  dispose(): void {
    this.disposed = true;
    this.clearTimers();
    this.resolveWaiters(false, Infinity);
  }

  private requestSave(): void {
    this.clearTimers();
    if (this.stopped || this.disposed) return;
    if (this.inFlight) {
      this.rerun = true;
      return;
    }
    if (this.changeCount <= this.savedCount) {
      this.resolveWaiters(true, this.savedCount);
      return;
    }
    void this.run();
  }

  private async run(): Promise<void> {
    const target = this.changeCount;
    this.inFlight = true;
    this.rerun = false;
    this.emit();
    let failed = false;
    try {
      await this.options.write(this.options.take());
      this.savedCount = Math.max(this.savedCount, target);
      this.failures = 0;
      this.lastError = null;
      this.resolveWaiters(true, this.savedCount);
    } catch (error) {
      failed = true;
      this.failures += 1;
      this.lastError = error;
      if (this.options.isFatal?.(error)) {
        this.stopped = true;
        this.clearTimers();
      } else if (!this.disposed) {
        this.scheduleRetry();
      }
      // Whoever waits for a flush learns now that it did not land; retries go on regardless.
      this.resolveWaiters(false, Infinity);
    } finally {
      this.inFlight = false;
    }
    // After a failure the retry timer paces the next attempt; after a success, queued work runs at once.
    if (this.rerun && !failed && !this.stopped && !this.disposed) {
      this.rerun = false;
      if (this.changeCount > this.savedCount) {
        this.clearTimers();
        void this.run();
        return;
      }
    }
    this.rerun = false;
    this.emit();
  }

  private scheduleRetry(): void {
    const delays = this.options.retryDelaysMs;
    const delay = delays[Math.min(this.failures - 1, delays.length - 1)] ?? 1_000;
    this.retryAt = this.options.now() + delay;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retryAt = null;
      this.requestSave();
    }, delay);
  }

  private clearTimers(): void {
    if (this.debounceTimer !== null) clearTimeout(this.debounceTimer);
    if (this.maxWaitTimer !== null) clearTimeout(this.maxWaitTimer);
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.debounceTimer = null;
    this.maxWaitTimer = null;
    this.retryTimer = null;
    this.retryAt = null;
  }

  private resolveWaiters(saved: boolean, upTo: number): void {
    const remaining: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.target <= upTo) waiter.resolve(saved);
      else remaining.push(waiter);
    }
    this.waiters = remaining;
  }

  private computeStatus(): AutosaveStatus {
    let state: SaveState;
    if (this.stopped) state = 'error';
    else if (this.inFlight) state = 'saving';
    else if (this.lastError !== null) state = 'error';
    else state = this.savedCount >= this.changeCount ? 'saved' : 'unsaved';
    return { state, error: this.lastError, stopped: this.stopped, retryAt: this.retryAt };
  }

  private emit(): void {
    const next = this.computeStatus();
    const prev = this.status;
    if (
      prev.state === next.state &&
      prev.error === next.error &&
      prev.stopped === next.stopped &&
      prev.retryAt === next.retryAt
    ) {
      return;
    }
    this.status = next;
    for (const listener of this.listeners) listener();
  }
}
