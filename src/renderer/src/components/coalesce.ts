/**
 * `work` run now, or, while a run is under way, once more after it however many calls came
 * meanwhile: a burst of changes (an office's articles arriving by the thousand) reloads a list a
 * few times, not once per change. Each call resolves when a run that began after it has ended.
 */
export function coalesce(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await work();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
}
