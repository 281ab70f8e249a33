import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ArticleStatus } from '../../../shared/domain';

const COLORS: Record<ArticleStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  changes_requested: 'orange',
  approved: 'teal',
  scheduled: 'violet',
  published: 'green',
  withdrawn: 'red',
};

export function StatusBadge({ status, testId }: { status: ArticleStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" radius="sm" tt="none" data-testid={testId}>
      {t(`status.${status}`)}
    </Badge>
  );
}
