import { Anchor, Button, Center, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPortalDate } from '../../../shared/date';
import type { ArticleSummary } from '../../../shared/domain';
import { call } from '../api';
import { getBridge } from '../bridge';
import { ErrorAlert } from '../components/ErrorAlert';
import { StatusBadge } from '../components/StatusBadge';

export function ArticleListScreen({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<ArticleSummary[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => {
    try {
      const result = await call('articles.list', {});
      setItems(result.items);
      setFailure(null);
    } catch (error) {
      setFailure(error);
    }
  }, []);

  useEffect(() => {
    void load();
    return getBridge().on('articles.changed', () => void load());
  }, [load]);

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

  const numberFormat = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'vi-VN');

  return (
    <Stack gap="md" data-testid="article-list">
      <Group justify="space-between">
        <Title order={2}>{t('list.title')}</Title>
        <Button onClick={() => void create()} loading={creating} data-testid="article-create">
          {t('list.new')}
        </Button>
      </Group>
      {failure !== null ? <ErrorAlert error={failure} /> : null}
      {items === null ? (
        failure === null ? (
          <Center py="xl">
            <Loader aria-label={t('app.loading')} />
          </Center>
        ) : null
      ) : items.length === 0 ? (
        <Text c="dimmed" py="xl" ta="center">
          {t('list.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table highlightOnHover verticalSpacing="sm" aria-label={t('list.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('list.columns.title')}</Table.Th>
                <Table.Th>{t('list.columns.status')}</Table.Th>
                <Table.Th>{t('list.columns.author')}</Table.Th>
                <Table.Th>{t('list.columns.updated')}</Table.Th>
                <Table.Th ta="right">{t('list.columns.words')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                // The whole row opens the article; the title button is the keyboard's way in.
                <Table.Tr
                  key={item.id}
                  data-testid="article-row"
                  onClick={() => onOpen(item.id)}
                  style={{ cursor: 'pointer' }}
                >
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      ta="left"
                      fw={500}
                      data-testid="article-row-title"
                      onClick={(event) => {
                        event.stopPropagation();
                        onOpen(item.id);
                      }}
                    >
                      {item.title.trim() || t('list.untitled')}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={item.status} testId="article-row-status" />
                  </Table.Td>
                  <Table.Td data-testid="article-row-author">{item.authorName}</Table.Td>
                  <Table.Td
                    data-testid="article-row-updated"
                    style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
                  >
                    {formatPortalDate(item.updatedAt)}
                  </Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {numberFormat.format(item.wordCount)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
