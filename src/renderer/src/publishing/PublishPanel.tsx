import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Placement } from '../../../shared/publishing';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useCan } from '../components/me';
import { ConflictDialog } from './ConflictDialog';
import { PreviewButton } from './PreviewButton';
import { OutboxStateBadge, SendProgressLine } from './StateBadge';
import { usePublishingEvents } from './usePublishingEvents';
import { retryEntry } from './retry';

/** Where the article stands on each site, with its public address once it is there. */
export function PublishPanel({ articleId, saveNow }: { articleId: string; saveNow: () => Promise<boolean> }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [items, setItems] = useState<Placement[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setItems((await call('publishing.status', { articleId })).items);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [articleId]);
  usePublishingEvents(reload, articleId);

  const retry = (entryId: string) => retryEntry(entryId, t('publishing.retried')).catch(setError);
  const mayPublish = can('article.publish');
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);

  return (
    <Stack gap="sm" data-testid="publish-panel">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {t('publishing.sites')}
        </Text>
        <PreviewButton articleId={articleId} saveNow={saveNow} />
      </Group>
      {error !== null ? <ErrorAlert error={error} /> : null}
      {items?.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('publishing.noSites')}
        </Text>
      ) : null}
      {items?.map((item) => (
        <Paper key={item.targetId} withBorder p="xs" data-testid="placement" data-target={item.targetName}>
          <Stack gap={4}>
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" fw={500}>
                {item.targetName}
              </Text>
              {item.state ? (
                <OutboxStateBadge state={item.state} testId="placement-state" />
              ) : (
                <Text size="xs" c="dimmed">
                  {t('publishing.notSent')}
                </Text>
              )}
            </Group>
            <SendProgressLine progress={item.progress} />
            {item.url ? (
              <Anchor href={item.url} target="_blank" rel="noopener noreferrer" size="sm" data-testid="placement-url">
                {item.url}
              </Anchor>
            ) : null}
            {item.lastError ? (
              <Text size="xs" c={item.state === 'queued' ? 'dimmed' : 'red'} data-testid="placement-error">
                {item.lastError}
              </Text>
            ) : null}
            {item.state === 'queued' && item.lastError && item.nextAttemptAt ? (
              <Text size="xs" c="dimmed">
                {t('publishing.retryAt', { time: when(item.nextAttemptAt) })}
              </Text>
            ) : null}
            {mayPublish && item.entryId && item.state === 'failed' ? (
              <Button size="xs" variant="light" onClick={() => void retry(item.entryId!)}>
                {t('publishing.retry')}
              </Button>
            ) : null}
            {mayPublish && item.entryId && item.state === 'conflict' ? (
              <Button size="xs" color="orange" variant="light" onClick={() => setConflict(item.entryId)}>
                {t('publishing.resolveConflict')}
              </Button>
            ) : null}
          </Stack>
        </Paper>
      ))}
      <ConflictDialog entryId={conflict} onClose={() => setConflict(null)} />
    </Stack>
  );
}
