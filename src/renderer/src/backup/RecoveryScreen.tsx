import { Alert, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPortalDate } from '../../../shared/date';
import type { RecoveryStatus } from '../../../shared/recovery';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { ExportLogSection } from '../components/ExportLogButton';
import { notifyDone } from '../components/notify';
import { saveTextFile } from '../components/saveTextFile';

type Damaged = Extract<RecoveryStatus, { damaged: true }>;

/**
 * What the app shows instead of everything else when its data file is damaged: the file is never
 * written to; the user saves what still reads, chooses a backup for the next start, or sends the log.
 */
export function RecoveryScreen({ initial }: { initial: Damaged }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Damaged>(initial);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function act(key: string, run: () => Promise<void>) {
    setBusy(key);
    setError(null);
    try {
      await run();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  }

  const saveArticles = () =>
    act('export', async () => {
      const saved = await call('recovery.export', {});
      saveTextFile(saved.fileName, saved.text);
      notifyDone(t('recovery.saved', { count: saved.count, file: saved.fileName }));
    });

  const restore = (file: string) =>
    act(file, async () => {
      const next = await call('recovery.restore', { file });
      if (next.damaged) setStatus(next);
    });

  return (
    <Stack maw={860} mx="auto" py="lg" gap="md" data-testid="recovery-screen">
      <Title order={2}>{t('recovery.title')}</Title>
      <Alert color="red" variant="light">
        <Text size="sm">{t('recovery.body', { file: status.file })}</Text>
        <Text size="xs" c="dimmed" mt={4}>
          {status.detail}
        </Text>
      </Alert>
      {error ? <ErrorAlert error={error} /> : null}

      <Title order={3}>{t('recovery.readableTitle')}</Title>
      <Text size="sm" data-testid="recovery-readable">
        {status.readableArticles === null
          ? t('recovery.nothingReadable')
          : t('recovery.readable', { count: status.readableArticles })}
      </Text>
      {status.readableArticles ? (
        <Group>
          <Button loading={busy === 'export'} onClick={() => void saveArticles()} data-testid="recovery-export">
            {t('recovery.export')}
          </Button>
        </Group>
      ) : null}

      <Title order={3}>{t('recovery.backupsTitle')}</Title>
      {status.pendingRestore ? (
        <Alert color="teal" variant="light" data-testid="recovery-pending">
          {t('recovery.pending', { file: status.pendingRestore })}
        </Alert>
      ) : null}
      {status.backups.length === 0 ? (
        <Text size="sm" data-testid="recovery-no-backups">
          {t('recovery.noBackups', { folder: status.folder })}
        </Text>
      ) : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('backup.at')}</Table.Th>
              <Table.Th>{t('backup.reason')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {status.backups.map((backup, index) => (
              <Table.Tr key={backup.file} data-testid="recovery-backup">
                <Table.Td>
                  {formatPortalDate(backup.at)}
                  {index === 0 ? ` (${t('recovery.newest')})` : ''}
                </Table.Td>
                <Table.Td>{t(`backup.reasons.${backup.reason}`)}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant={index === 0 ? 'filled' : 'default'}
                    loading={busy === backup.file}
                    onClick={() => void restore(backup.file)}
                    data-testid="recovery-restore"
                  >
                    {t('backup.restoreConfirm')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <ExportLogSection />
    </Stack>
  );
}
