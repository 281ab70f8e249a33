/**
 * The close/quit handshake. Before a window closes or the app quits, the renderer is asked to
 * write its unsaved work (`app.flush`) and answers `flushed`. The close waits for that answer,
 * but never for long: a hung or crashed renderer must not keep the app open, and what it had
 * already autosaved is safe in the database either way.
 */
export type FlushState = 'idle' | 'flushing' | 'done';

export interface FlushGateOptions {
  timeoutMs: number;
  /** Sends `app.flush` to the renderer; false when there is no renderer left to ask. */
  requestFlush: () => boolean;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface FlushGate {
  readonly state: FlushState;
  /**
   * Called from a `close` or `before-quit` handler. True: let it go ahead now. False: cancel
   * it (preventDefault); `resume` runs once the renderer has flushed or the wait timed out.
   */
  allow(resume: () => void): boolean;
  /** The renderer said it has flushed. */
  acknowledge(): void;
}

export const FLUSH_TIMEOUT_MS = 3000;

export function createFlushGate(options: FlushGateOptions): FlushGate {
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  let state: FlushState = 'idle';
  let timer: unknown = null;
  const waiting: (() => void)[] = [];

  function finish(): void {
    if (state !== 'flushing') return;
    state = 'done';
    if (timer !== null) clearTimer(timer);
    timer = null;
    // Each waiter resumes once; a waiter that re-enters `allow` now gets `true`.
    for (const resume of waiting.splice(0)) resume();
  }

  return {
    get state() {
      return state;
    },
    allow(resume) {
      if (state === 'done') return true;
      if (!waiting.includes(resume)) waiting.push(resume);
      if (state === 'flushing') return false;
      state = 'flushing';
      let asked: boolean;
      try {
        asked = options.requestFlush();
      } catch {
        asked = false;
      }
      if (!asked) {
        state = 'done';
        waiting.splice(0);
        return true;
      }
      timer = setTimer(finish, options.timeoutMs);
      return false;
    },
    acknowledge() {
      finish();
    },
  };
}
