import { Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DiffToken } from '../../../shared/review';
import './diff.css';

/** A word-level inline diff: deletions struck through in red, insertions underlined in green. */
export function DiffView({ parts, testId = 'diff-view' }: { parts: DiffToken[]; testId?: string }) {
  const { t } = useTranslation();
  const changed = parts.some((part) => part.op !== 'equal');
  return (
    <Paper withBorder p="sm" radius="sm" data-testid={testId}>
      <Group gap="md" mb="xs">
        <Text size="xs" className="bt-diff-ins">
          {t('history.inserted')}
        </Text>
        <Text size="xs" className="bt-diff-del">
          {t('history.deleted')}
        </Text>
      </Group>
      {changed ? (
        <div className="bt-diff" lang="vi">
          {parts.map((part, index) =>
            part.op === 'insert' ? (
              <ins key={index} className="bt-diff-ins" data-testid="diff-insert">
                {part.text}
              </ins>
            ) : part.op === 'delete' ? (
              <del key={index} className="bt-diff-del" data-testid="diff-delete">
                {part.text}
              </del>
            ) : (
              <span key={index}>{part.text}</span>
            ),
          )}
        </div>
      ) : (
        <Text size="sm" c="dimmed">
          {t('history.noChanges')}
        </Text>
      )}
    </Paper>
  );
}
