import { useCallback, useEffect, useState } from 'react';
import type { ArticleSummary } from '../../../shared/domain';
import { call } from '../api';
import { getBridge } from '../bridge';

/** The articles the caller may see, reloaded whenever the core says one changed. */
export function useArticleList(): { items: ArticleSummary[] | null; failure: unknown; reload: () => Promise<void> } {
  const [items, setItems] = useState<ArticleSummary[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      const result = await call('articles.list', {});
      setItems(result.items);
      setFailure(null);
    } catch (error) {
      setFailure(error);
    }
  }, []);

  useEffect(() => {
    void reload();
    return getBridge().on('articles.changed', () => void reload());
  }, [reload]);

  return { items, failure, reload };
}
