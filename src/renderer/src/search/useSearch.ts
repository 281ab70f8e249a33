import { useEffect, useRef, useState } from 'react';
import type { MethodInput } from '../../../shared/api/contract';
import type { ArticleStatus } from '../../../shared/domain';
import type { SearchHit, SearchSort } from '../../../shared/search';
import { call } from '../api';
import { getBridge } from '../bridge';

export interface SearchFilters {
  status?: ArticleStatus;
  authorId?: string;
  category?: string;
  /** Calendar days (yyyy-mm-dd) as the date inputs give them, in this computer's time zone. */
  fromDay?: string;
  toDay?: string;
}

export interface SearchState {
  items: SearchHit[] | null;
  hasMore: boolean;
  total: number;
  totalIsLowerBound: boolean;
  /** For a query that found nothing: the nearest spelling the archive holds. */
  suggestion: string | null;
  loading: boolean;
  failure: unknown;
  /**
   * How the shown items are ordered: while typing, the quick page is the newest matches even when
   * relevance was asked for, and the UI says so until the ranked page replaces it.
   */
  order: 'newest' | 'ranked';
  loadMore: () => void;
}

/** A query worth sending: three characters, or any filter on its own. */
export function isActive(query: string, filters: SearchFilters): boolean {
  return query.trim().length >= 3 || Object.values(filters).some((value) => value);
}

const QUICK_DELAY_MS = 120;
const RANKED_DELAY_MS = 400;

function request(query: string, filters: SearchFilters, sort: SearchSort): MethodInput<'articles.search'> {
  return {
    query,
    sort,
    // No space after the last word: it is still being typed, so it matches as a prefix.
    typing: !/\s$/.test(query),
    filters: {
      status: filters.status,
      authorId: filters.authorId,
      category: filters.category?.trim() || undefined,
      from: filters.fromDay ? new Date(`${filters.fromDay}T00:00:00`).toISOString() : undefined,
      to: filters.toDay ? new Date(`${filters.toDay}T23:59:59.999`).toISOString() : undefined,
    },
  };
}

/**
 * Searches as the user types: shortly after a keystroke the newest matches (fast whatever the
 * query), then, once typing pauses, the ranked page replaces them. Answers to older keystrokes
 * that arrive late are dropped.
 */
export function useSearch(query: string, filters: SearchFilters, sort: SearchSort): SearchState {
  const [items, setItems] = useState<SearchHit[] | null>(null);
  const [meta, setMeta] = useState({
    hasMore: false,
    total: 0,
    totalIsLowerBound: false,
    suggestion: null as string | null,
  });
  const [order, setOrder] = useState<'newest' | 'ranked'>('ranked');
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const generation = useRef(0);
  // A save anywhere may change what matches; the results follow, as the list does.
  const [changes, setChanges] = useState(0);
  useEffect(() => getBridge().on('articles.changed', () => setChanges((n) => n + 1)), []);
  const key = JSON.stringify([query, filters, sort, changes]);

  useEffect(() => {
    const mine = ++generation.current;
    if (!isActive(query, filters)) {
      setItems(null);
      setLoading(false);
      return;
    }
    const input = request(query, filters, sort);
    const run = async (mode: 'quick' | 'full') => {
      try {
        const result = await call('articles.search', { ...input, mode });
        if (generation.current !== mine) return;
        setItems(result.items);
        setMeta({
          hasMore: result.hasMore,
          total: result.total,
          totalIsLowerBound: result.totalIsLowerBound,
          suggestion: result.suggestion ?? null,
        });
        setOrder(mode === 'quick' && sort === 'relevance' ? 'newest' : 'ranked');
        setFailure(null);
        if (mode === 'full') setLoading(false);
      } catch (error) {
        if (generation.current === mine) {
          setFailure(error);
          setLoading(false);
        }
      }
    };
    setLoading(true);
    const quick = setTimeout(() => void run('quick'), QUICK_DELAY_MS);
    const full = setTimeout(() => void run('full'), RANKED_DELAY_MS);
    return () => {
      clearTimeout(quick);
      clearTimeout(full);
    };
    // `key` stands for query, filters, sort and changes, compared by value rather than by identity.
  }, [key]);

  const loadMore = () => {
    const mine = generation.current;
    const offset = items?.length ?? 0;
    setLoading(true);
    void call('articles.search', { ...request(query, filters, sort), mode: 'full', offset })
      .then((result) => {
        if (generation.current !== mine) return;
        setItems((before) => [...(before ?? []), ...result.items]);
        setMeta((before) => ({ ...before, hasMore: result.hasMore }));
      })
      .catch((error: unknown) => generation.current === mine && setFailure(error))
      .finally(() => generation.current === mine && setLoading(false));
  };

  return { items, ...meta, loading, failure, order, loadMore };
}
