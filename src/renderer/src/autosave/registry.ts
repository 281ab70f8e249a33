/**
 * Every open editor registers how to flush its unsaved work, so that page hiding, the host's
 * `app.flush` request and signing out can save everything without knowing which screens are open.
 */
type Flusher = () => Promise<boolean>;

const flushers = new Set<Flusher>();

export function registerFlusher(flusher: Flusher): () => void {
  flushers.add(flusher);
  return () => flushers.delete(flusher);
}

/** Resolves true when every open editor reports its latest change saved. */
export async function flushAll(): Promise<boolean> {
  const results = await Promise.all([...flushers].map((flush) => flush().catch(() => false)));
  return results.every(Boolean);
}
