import { useEffect } from 'react';
import { getBridge } from '../bridge';

/** Runs `reload` now and whenever the outbox moves (or, for one article, that article changes). */
export function usePublishingEvents(reload: () => Promise<void>, articleId?: string): void {
  useEffect(() => {
    void reload();
    const concerns = (payload: unknown) => {
      const changed = (payload as { articleId?: unknown; id?: unknown } | null) ?? {};
      const id = changed.articleId ?? changed.id;
      return articleId === undefined || id === undefined || id === articleId;
    };
    const offPublishing = getBridge().on('publishing.changed', (payload) => {
      if (concerns(payload)) void reload();
    });
    const offArticles = getBridge().on('articles.changed', (payload) => {
      if (concerns(payload)) void reload();
    });
    return () => {
      offPublishing();
      offArticles();
    };
  }, [reload, articleId]);
}
