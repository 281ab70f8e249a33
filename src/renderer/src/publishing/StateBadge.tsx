import { Badge, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutboxState } from '../../../shared/publishing';

const COLORS: Record<OutboxState, string> = {
  queued: 'gray',
  sending: 'blue',
  done: 'green',
  failed: 'red',
  conflict: 'orange',
  superseded: 'gray',
};

export function OutboxStateBadge({ state, testId }: { state: OutboxState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[state]} variant="light" data-testid={testId} data-state={state}>
      {t(`publishing.state.${state}`)}
    </Badge>
  );
}

/** A long send (a static site rendering every page again) as it goes: a bar and "n / total". */
export function SendProgressLine({ progress }: { progress: { done: number; total: number } | null }) {
  const { t, i18n } = useTranslation();
  if (!progress || progress.total === 0) return null;
  const count = (n: number) => n.toLocaleString(i18n.language);
  return (
    <Stack gap={2} data-testid="send-progress">
      <Text size="xs" c="dimmed">
        {t('publishing.rebuilding', { done: count(progress.done), total: count(progress.total) })}
      </Text>
      <Progress value={(100 * progress.done) / progress.total} size="sm" aria-hidden />
    </Stack>
  );
}
