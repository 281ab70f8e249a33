import { useCallback, useEffect, useRef, useState } from 'react';
import type { Checklist } from '../../../../shared/proofreadApi';
import { call } from '../../api';
import { getBridge } from '../../bridge';

/**
 * Saves come after each pause in typing; the checklist follows the save at once (a burst of saves
 * from several fields is one load), so a title typed in shows as done within a moment.
 */
const SETTLE_MS = 250;

/** The article's checklist as the core computes it, kept current as the article is saved. */
export function useChecklist(articleId: string, enabled: boolean) {
  const [checklist, setChecklist] = useState<Checklist | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async (): Promise<Checklist | null> => {
    try {
      const next = await call('checklist.get', { articleId });
      setChecklist(next);
      return next;
    } catch {
      // The list is advice; the core checks again when the article is sent on.
      return null;
    }
  }, [articleId]);

  useEffect(() => {
    if (!enabled) return;
    void load();
    const off = getBridge().on('articles.changed', (payload) => {
      const changed = (payload as { id?: unknown } | null)?.id;
      if (changed !== undefined && changed !== articleId) return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void load(), SETTLE_MS);
    });
    return () => {
      off();
      if (timer.current) clearTimeout(timer.current);
    };
  }, [articleId, enabled, load]);

  return { checklist, load };
}
