import { Alert, Button, Group, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { errorMessage } from '../i18n';
import { notifyDone } from './notify';
import { saveTextFile } from './saveTextFile';

/** "Xuất nhật ký lỗi": saves the workstation's log as a text file for whoever supports the office. */
export function ExportLogButton({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function exportLog() {
    setBusy(true);
    setError(null);
    try {
      const { fileName, text } = await call('logs.export', {});
      saveTextFile(fileName, text || t('log.empty'));
      notifyDone(t('log.exported', { file: fileName }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button variant="default" size={size} loading={busy} onClick={() => void exportLog()} data-testid="export-log">
        {t('log.export')}
      </Button>
      {error ? (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(t, error)}
        </Alert>
      ) : null}
    </>
  );
}

/** The log's own section, where a screen offers it (the settings, the recovery screen). */
export function ExportLogSection() {
  const { t } = useTranslation();
  return (
    <>
      <Title order={3}>{t('log.export')}</Title>
      <Text size="sm" c="dimmed">
        {t('log.intro')}
      </Text>
      <Group>
        <ExportLogButton size="sm" />
      </Group>
    </>
  );
}
