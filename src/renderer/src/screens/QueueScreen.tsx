import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReviewedArticleSummary } from '../../../shared/review';
import { ArticleTable, type ArticleTableProps } from '../components/ArticleTable';
import { useCan } from '../components/me';

/**
 * A list of articles waiting for someone: for reviewers (`queue`) what was submitted to them,
 * for authors (`returned`) what came back with changes requested.
 */
export function QueueScreen({
  kind,
  items,
  onOpen,
  extra,
}: {
  kind: 'queue' | 'returned';
  items: ReviewedArticleSummary[] | null;
  onOpen: (id: string) => void;
  extra?: ArticleTableProps['extra'];
}) {
  const { t } = useTranslation();
  // Only someone who signs is told the queue waits for her signature; an editor reads it to review.
  const signs = useCan()('article.approve');
  return (
    <Stack gap="md" data-testid={`${kind}-screen`}>
      <Title order={2}>{t(`${kind}.title`)}</Title>
      <Text size="sm" c="dimmed">
        {t(kind === 'queue' && !signs ? 'queue.introReviewer' : `${kind}.intro`)}
      </Text>
      {items === null ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} />
        </Center>
      ) : items.length === 0 ? (
        <Text c="dimmed" py="xl" ta="center">
          {t(`${kind}.empty`)}
        </Text>
      ) : (
        <ArticleTable items={items} label={t(`${kind}.title`)} onOpen={onOpen} extra={extra} />
      )}
    </Stack>
  );
}
