import { Anchor, Button, Group, Loader, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPortalDate } from '../../../shared/date';
import type { SearchHit, SearchSort } from '../../../shared/search';
import { ErrorAlert } from '../components/ErrorAlert';
import { StatusBadge } from '../components/StatusBadge';
import { Highlighted } from './Highlighted';
import { SearchFilters } from './SearchFilters';
import { isActive, useSearch, type SearchFilters as Filters } from './useSearch';
import './search.css';

export interface SearchPanelProps {
  /** Articles already listed, to offer their authors as a filter. */
  articles: readonly { authorId: string; authorName: string }[] | null;
  onOpen: (id: string) => void;
  /** Whether a query or a filter is in force: its results then stand in for the list. */
  onActive?: (active: boolean) => void;
}

/** The search box of the article list, with its filters and results. */
export function SearchPanel({ articles, onOpen, onActive }: SearchPanelProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<Filters>({});
  const [sort, setSort] = useState<SearchSort>('relevance');
  const [showFilters, setShowFilters] = useState(false);
  const result = useSearch(query, filters, sort);
  const authors = useMemo(() => {
    const byId = new Map((articles ?? []).map((item) => [item.authorId, item.authorName]));
    return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }, [articles]);
  const active = isActive(query, filters);
  useEffect(() => onActive?.(active), [active, onActive]);

  return (
    <Stack gap="xs" data-testid="search">
      <Group gap="sm" align="end">
        <TextInput
          flex={1}
          type="search"
          label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          rightSection={result.loading ? <Loader size="xs" aria-label={t('search.searching')} /> : null}
          data-testid="search-input"
        />
        <Button variant="default" onClick={() => setShowFilters((shown) => !shown)} aria-expanded={showFilters}>
          {t('search.filters')}
        </Button>
      </Group>
      {showFilters ? (
        <SearchFilters filters={filters} onFilters={setFilters} sort={sort} onSort={setSort} authors={authors} />
      ) : null}
      {result.failure ? <ErrorAlert error={result.failure} /> : null}
      {active && result.items ? (
        <SearchResults
          items={result.items}
          total={result.total}
          more={result.hasMore}
          newestWhileTyping={result.order === 'newest'}
          onMore={result.loadMore}
          onOpen={onOpen}
          suggestion={result.suggestion}
          onSuggestion={setQuery}
        />
      ) : null}
    </Stack>
  );
}

function SearchResults(props: {
  items: SearchHit[];
  total: number;
  more: boolean;
  newestWhileTyping: boolean;
  onMore: () => void;
  onOpen: (id: string) => void;
  suggestion: string | null;
  onSuggestion: (query: string) => void;
}) {
  const { t } = useTranslation();
  if (props.items.length === 0) {
    return (
      <Group gap={6} data-testid="search-empty">
        <Text c="dimmed">{t('search.none')}</Text>
        {props.suggestion ? (
          <>
            <Text c="dimmed">{t('search.didYouMean')}</Text>
            <Anchor
              component="button"
              type="button"
              onClick={() => props.onSuggestion(props.suggestion!)}
              data-testid="search-suggestion"
            >
              {props.suggestion}
            </Anchor>
          </>
        ) : null}
      </Group>
    );
  }
  return (
    <Stack gap={6}>
      {props.newestWhileTyping ? (
        <Text size="sm" c="dimmed" role="status" data-testid="search-order-note">
          {t('search.newestWhileTyping')}
        </Text>
      ) : null}
      <ul className="search-results" aria-label={t('search.results')} data-testid="search-results">
        {props.items.map((hit) => (
          <li key={hit.id} data-testid="search-hit">
            <Paper withBorder p="sm" radius="sm">
              <UnstyledButton className="search-hit-title" onClick={() => props.onOpen(hit.id)}>
                <Highlighted
                  text={hit.title.trim() || t('list.untitled')}
                  ranges={hit.title.trim() ? hit.titleHighlights : []}
                />
              </UnstyledButton>
              <Group gap="xs" mt={4}>
                <StatusBadge status={hit.status} />
                <Text size="sm" c="dimmed">
                  {hit.authorName} · {formatPortalDate(hit.updatedAt)}
                </Text>
              </Group>
              {hit.snippet.text ? (
                <Text size="sm" mt={4} data-testid="search-snippet">
                  <Highlighted text={hit.snippet.text} ranges={hit.snippet.highlights} />
                </Text>
              ) : null}
            </Paper>
          </li>
        ))}
      </ul>
      {props.more ? (
        <Button variant="subtle" onClick={props.onMore} data-testid="search-more">
          {t('search.more')}
        </Button>
      ) : null}
    </Stack>
  );
}
