import { useEffect } from 'react';
import { CONTENT_META, readMeta, type ContentMeta } from '../../../shared/collab/meta';
import { FROM_CORE, LiveSession, type LiveSyncResult } from '../../../shared/collab/session';
import { call } from '../api';
import { getBridge } from '../bridge';

/**
 * On an office workstation, the article's shared document as this editor's replica (its first
 * exchange done); null when the article is not shared (a single workstation: articles.save as always).
 */
export async function openLive(articleId: string): Promise<LiveSession | null> {
  const live = new LiveSession(articleId, (input) => call('collab.sync', input));
  const first = await live.sync();
  return first.shared ? live : null;
}

const HEARTBEAT_MS = 20_000;

/**
 * Keeps an open live editor in step: whenever the core says the article changed (from the office
 * server, another window, a save; again once it has written the change into the row), it fetches
 * what it lacks; `onResult` hears the article's version and status and who else views it after each
 * exchange, `onFields` the article's fields when a change from elsewhere moved them. A failed fetch
 * is left to the next change or save.
 */
export function useLiveUpdates(
  live: LiveSession | null,
  onResult: (result: LiveSyncResult) => void,
  onFields: (fields: ContentMeta) => void,
): void {
  useEffect(() => {
    if (!live) return;
    const fetchMissing = () => live.sync().then(onResult, () => undefined);
    const offLive = getBridge().on('collab.changed', (payload) => {
      const { articleId, session } = (payload ?? {}) as { articleId?: unknown; session?: unknown };
      if (articleId === live.articleId && session !== live.id) void fetchMissing();
    });
    const meta = live.doc.getMap(CONTENT_META);
    const onMeta = (_events: unknown, transaction: { origin: unknown }) => {
      if (transaction.origin === FROM_CORE) onFields(readMeta(live.doc));
    };
    meta.observeDeep(onMeta);
    // Heard from now and then, or the core takes the editor for closed and the others stop seeing who views.
    const heartbeat = setInterval(() => void fetchMissing(), HEARTBEAT_MS);
    // Mounted again after a cleanup (React's development mode does so on purpose): open again.
    live.resume();
    void fetchMissing();
    return () => {
      offLive();
      meta.unobserveDeep(onMeta);
      clearInterval(heartbeat);
      live.leave().catch(() => undefined);
    };
  }, [live, onResult, onFields]);
}
