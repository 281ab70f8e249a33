import { Badge, Button, Center, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleStatus } from '../../../shared/domain';
import { call } from '../api';
import { ArticleTable } from '../components/ArticleTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { useArticleList } from '../components/useArticleList';
import { SearchPanel } from '../search/SearchPanel';

/** The tabs of the list, in the order an article moves through them. */
export const LIST_TABS = ['draft', 'submitted', 'changes_requested', 'approved', 'published', 'withdrawn'] as const;
type Tab = 'all' | (typeof LIST_TABS)[number];

export function ArticleListScreen({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const { items, failure: loadFailure } = useArticleList();
  const [failure, setFailure] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [tab, setTab] = useState<Tab>('all');
  // While a search is in force its results replace the list, not stack above it.
  const [searching, setSearching] = useState(false);

  async function create() {
    setCreating(true);
    setFailure(null);
    try {
      const article = await call('articles.create', {});
      onOpen(article.id);
    } catch (error) {
      setFailure(error);
      setCreating(false);
    }
  }

  const count = (status: ArticleStatus) => items?.filter((item) => item.status === status).length ?? 0;
  // A scheduled article has no tab of its own yet; it shows under "all".
  const shown = items?.filter((item) => tab === 'all' || item.status === tab) ?? [];
  const problem = failure ?? loadFailure;

  return (
    <Stack gap="md" data-testid="article-list">
      <Group justify="space-between">
        <Title order={2}>{t('list.title')}</Title>
        <Button onClick={() => void create()} loading={creating} data-testid="article-create">
          {t('list.new')}
        </Button>
      </Group>
      {problem !== null ? <ErrorAlert error={problem} /> : null}
      <SearchPanel articles={items} onOpen={onOpen} onActive={setSearching} />
      {searching ? null : (
        <>
          <Tabs value={tab} onChange={(value) => setTab((value as Tab | null) ?? 'all')} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="all" data-testid="list-tab-all" rightSection={<CountBadge n={items?.length ?? 0} />}>
                {t('tabs.all')}
              </Tabs.Tab>
              {LIST_TABS.map((status) => (
                <Tabs.Tab
                  key={status}
                  value={status}
                  data-testid={`list-tab-${status}`}
                  rightSection={<CountBadge n={count(status)} />}
                >
                  {t(`status.${status}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </Tabs>
          {items === null ? (
            problem === null ? (
              <Center py="xl">
                <Loader aria-label={t('app.loading')} />
              </Center>
            ) : null
          ) : shown.length === 0 ? (
            <Text c="dimmed" py="xl" ta="center">
              {t('list.empty')}
            </Text>
          ) : (
            <ArticleTable items={shown} label={t('list.title')} onOpen={onOpen} />
          )}
        </>
      )}
    </Stack>
  );
}

export function CountBadge({ n }: { n: number }) {
  return (
    <Badge size="sm" variant={n > 0 ? 'filled' : 'light'} color={n > 0 ? 'indigo' : 'gray'} circle={n < 10}>
      {n}
    </Badge>
  );
}
