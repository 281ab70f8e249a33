import { useCallback, useEffect, useState } from 'react';
import type { ArticleForCaller, RefusedEvent, WorkflowEvent } from '../../../shared/review';
import { call } from '../api';
import { getBridge } from '../bridge';

export interface ArticleReview {
  /** With the workflow actions the core lets this person take on it now. */
  article: ArticleForCaller;
  events: WorkflowEvent[];
  /** On an office's workstation: what arrived and was kept out of the log, with why. */
  refused: RefusedEvent[];
}

/** The article's review state as the core verifies it now, reloaded whenever the article changes. */
export function useArticleReview(id: string): {
  review: ArticleReview | null;
  failure: unknown;
  reload: () => Promise<void>;
} {
  const [review, setReview] = useState<ArticleReview | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      const [article, history] = await Promise.all([
        call('articles.get', { id }),
        call('workflow.history', { articleId: id }),
      ]);
      setReview({ article, events: history.items, refused: history.refused });
      setFailure(null);
    } catch (error) {
      setFailure(error);
    }
  }, [id]);

  useEffect(() => {
    void reload();
    return getBridge().on('articles.changed', (payload) => {
      const changed = (payload as { id?: unknown } | null)?.id;
      if (changed === undefined || changed === id) void reload();
    });
  }, [id, reload]);

  return { review, failure, reload };
}
