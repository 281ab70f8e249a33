/**
 * Runs `run` once the page has painted what it is building now, `delay` ms have passed and the
 * page has a moment to spare: work that must not hold up the first sight of an article (its
 * count, its first proofreading) starts there, as it would after a pause in typing. Returns a
 * function that cancels it.
 */
export function afterPaint(run: () => void, { delay = 0, timeout = 1000 } = {}): () => void {
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let idle: number | null = null;
  // A frame callback runs before that frame is painted; a task it queues runs after the paint.
  frame = requestAnimationFrame(() => {
    frame = null;
    timer = setTimeout(() => {
      timer = null;
      // The idle callback lets the frames the opening still needs go first; the timeout bounds the wait.
      idle = requestIdleCallback(
        () => {
          idle = null;
          run();
        },
        { timeout },
      );
    }, delay);
  });
  return () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    if (idle !== null) cancelIdleCallback(idle);
  };
}
