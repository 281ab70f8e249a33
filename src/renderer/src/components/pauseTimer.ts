/**
 * Runs `run` once `ms` have passed since the last `touch()`: the work that waits for a typing
 * pause. One timer serves a whole burst of keys; clearing and setting a timer on every key
 * would cost the keystroke more than the listener that calls `touch()`.
 */
export interface PauseTimer {
  /** Something changed: wait for the pause again. */
  touch(): void;
  /** Runs after `delay` ms (0: as soon as possible), whatever was pending. */
  runIn(delay: number): void;
  cancel(): void;
}

export function pauseTimer(ms: number, run: () => void): PauseTimer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due = 0;
  const fire = () => {
    const wait = due - performance.now();
    if (wait > 0) {
      timer = setTimeout(fire, wait);
      return;
    }
    timer = undefined;
    run();
  };
  const runIn = (delay: number) => {
    due = performance.now() + delay;
    // A pending timer fires no later than `ms` from now and then re-arms itself for `due`;
    // only a sooner run (a check asked for now) needs a timer of its own.
    if (timer !== undefined && delay >= ms) return;
    clearTimeout(timer);
    timer = setTimeout(fire, delay);
  };
  return {
    touch: () => runIn(ms),
    runIn,
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
