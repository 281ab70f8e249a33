import { useEffect, useMemo, useState } from 'react';
import type { ArticleSummary } from '../../../shared/domain';
import { call } from '../api';
import { getBridge } from '../bridge';
import { coalesce } from './coalesce';

/** The articles the caller may see, reloaded whenever the core says one changed (a burst, a few times). */
export function useArticleList(): { items: ArticleSummary[] | null; failure: unknown; reload: () => Promise<void> } {
  const [items, setItems] = useState<ArticleSummary[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const reload = useMemo(
    () =>
      coalesce(async () => {
        try {
          const result = await call('articles.list', {});
          setItems(result.items);
          setFailure(null);
        } catch (error) {
          setFailure(error);
        }
      }),
    [],
  );

  useEffect(() => {
    void reload();
    return getBridge().on('articles.changed', () => void reload());
  }, [reload]);

  return { items, failure, reload };
}
