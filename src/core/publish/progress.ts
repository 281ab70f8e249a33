import type { CoreContext } from '../context';

export interface SendProgress {
  done: number;
  total: number;
}

/**
 * How far each request being sent has come, while it runs (a static site rendering every page
 * again takes a while at a decade's archive). Kept in memory: it means nothing once the request ends.
 */
const running = new WeakMap<CoreContext, Map<string, SendProgress>>();

export function setProgress(ctx: CoreContext, entryId: string, progress: SendProgress | null): void {
  let entries = running.get(ctx);
  if (!entries) running.set(ctx, (entries = new Map()));
  if (progress) entries.set(entryId, progress);
  else entries.delete(entryId);
}

export function progressOf(ctx: CoreContext, entryId: string | null): SendProgress | null {
  return entryId === null ? null : (running.get(ctx)?.get(entryId) ?? null);
}
