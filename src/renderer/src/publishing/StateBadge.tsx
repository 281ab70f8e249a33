import { Badge } from '@mantine/core';
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
