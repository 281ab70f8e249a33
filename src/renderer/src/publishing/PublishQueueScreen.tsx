import { Anchor, Button, Center, Group, Loader, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTBOX_STATES, type OutboxEntry, type OutboxState } from '../../../shared/publishing';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { ConflictDialog } from './ConflictDialog';
import { OutboxStateBadge, SendProgressLine } from './StateBadge';
import { usePublishingEvents } from './usePublishingEvents';
import { retryEntry } from './retry';

/** The publish queue: every request to a site, newest first, and how far the queue has got. */
export function PublishQueueScreen({ onOpen }: { onOpen: (articleId: string) => void }) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<OutboxEntry[] | null>(null);
  const [counts, setCounts] = useState<Record<OutboxState, number> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const queue = await call('publishing.queue', {});
      setItems(queue.items);
      setCounts(queue.counts);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, []);
  usePublishingEvents(reload);

  const retry = (entryId: string) => retryEntry(entryId, t('publishing.retried')).catch(setError);

  const pending = counts ? counts.queued + counts.sending : 0;
  const settled = counts ? counts.done + counts.failed + counts.conflict : 0;
  const share = pending + settled === 0 ? 100 : Math.round((settled / (pending + settled)) * 100);

  return (
    <Stack gap="md" data-testid="publish-queue-screen">
      <Title order={2}>{t('publishing.queueTitle')}</Title>
      <Text size="sm" c="dimmed">
        {t('publishing.queueIntro')}
      </Text>
      {error !== null ? <ErrorAlert error={error} /> : null}
      {counts ? (
        <Stack gap={4}>
          <Progress value={share} animated={pending > 0} aria-label={t('publishing.progress')} />
          <Group gap="md" data-testid="publish-queue-counts">
            {OUTBOX_STATES.filter((state) => state !== 'superseded').map((state) => (
              <Text key={state} size="sm">
                {t(`publishing.state.${state}`)}: <b>{counts[state]}</b>
              </Text>
            ))}
          </Group>
        </Stack>
      ) : null}
      {items === null ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} />
        </Center>
      ) : items.length === 0 ? (
        <Text c="dimmed" py="xl" ta="center">
          {t('publishing.queueEmpty')}
        </Text>
      ) : (
        <Table striped aria-label={t('publishing.queueTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('publishing.article')}</Table.Th>
              <Table.Th>{t('publishing.site')}</Table.Th>
              <Table.Th>{t('publishing.action')}</Table.Th>
              <Table.Th>{t('publishing.stateLabel')}</Table.Th>
              <Table.Th>{t('publishing.details')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((entry) => (
              <Table.Tr key={entry.id} data-testid="publish-queue-row">
                <Table.Td>
                  <Anchor component="button" onClick={() => onOpen(entry.articleId)}>
                    {entry.articleTitle || t('list.untitled')}
                  </Anchor>
                </Table.Td>
                <Table.Td>{entry.targetName}</Table.Td>
                <Table.Td>{t(`publishing.actions.${entry.action}`)}</Table.Td>
                <Table.Td>
                  <OutboxStateBadge state={entry.state} />
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <SendProgressLine progress={entry.progress} />
                    {entry.lastError ? <Text size="xs">{entry.lastError}</Text> : null}
                    {entry.state === 'queued' && entry.attempts > 0 ? (
                      <Text size="xs" c="dimmed">
                        {t('publishing.retryAt', { time: new Date(entry.nextAttemptAt).toLocaleString(i18n.language) })}
                      </Text>
                    ) : null}
                    {entry.state === 'failed' ? (
                      <Button size="compact-xs" variant="light" onClick={() => void retry(entry.id)}>
                        {t('publishing.retry')}
                      </Button>
                    ) : null}
                    {entry.state === 'conflict' ? (
                      <Button size="compact-xs" color="orange" variant="light" onClick={() => setConflict(entry.id)}>
                        {t('publishing.resolveConflict')}
                      </Button>
                    ) : null}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConflictDialog entryId={conflict} onClose={() => setConflict(null)} />
    </Stack>
  );
}
