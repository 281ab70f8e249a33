import { useEffect } from 'react';
import { getBridge } from '../bridge';

/** Runs `reload` now and again whenever the core reports a change to this article (or to all). */
export function useReloadOnChange(articleId: string, reload: () => Promise<void>): void {
  useEffect(() => {
    void reload();
    return getBridge().on('articles.changed', (payload) => {
      const changed = (payload as { id?: unknown } | null)?.id;
      if (changed === undefined || changed === articleId) void reload();
    });
  }, [articleId, reload]);
}
