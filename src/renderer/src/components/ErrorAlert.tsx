import { Alert, Group, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api';
import { currentLanguage, errorMessage } from '../i18n';
import { ExportLogButton } from './ExportLogButton';

/**
 * A failure as the user reads it: the message, and in Vietnamese the core's per-field notes. An internal
 * error (one the user cannot fix) offers the log to send to support.
 */
export function ErrorAlert({ error, title, testId }: { error: unknown; title?: string; testId?: string }) {
  const { t } = useTranslation();
  const issues = isApiError(error) && currentLanguage() === 'vi' ? (error.issues ?? []) : [];
  return (
    <Alert color="red" variant="light" role="alert" title={title} data-testid={testId}>
      {errorMessage(t, error)}
      {issues.length > 0 ? (
        <List size="sm" mt="xs">
          {issues.map((issue) => (
            <List.Item key={`${issue.path}:${issue.message}`}>{issue.message}</List.Item>
          ))}
        </List>
      ) : null}
      {isApiError(error) && error.code === 'INTERNAL' ? (
        <Group mt="xs">
          <ExportLogButton />
        </Group>
      ) : null}
    </Alert>
  );
}
