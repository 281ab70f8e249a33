import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupSettings, BackupStatus } from '../../../shared/backup';
import { formatPortalDate } from '../../../shared/date';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { notifyDone } from '../components/notify';
import { SaveRow } from '../components/SaveRow';
import { useSubmit } from '../components/useSubmit';

const megabytes = (bytes: number, language: string) =>
  `${(bytes / 1_048_576).toLocaleString(language, { maximumFractionDigits: 1 })} MB`;

/** Administrators: where and how often the database is backed up, the backups, restoring one, a full check. */
export function BackupSetting() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [typed, setTyped] = useState<BackupSettings | null>(null);
  const [saved, setSaved] = useState(false);
  const [check, setCheck] = useState<{ ok: boolean; problems: string[] } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const load = useCallback(() => call('backup.status', {}).then(setStatus, setFailure), []);
  useEffect(() => {
    void load();
  }, [load]);

  const shown = typed ?? status?.settings ?? null;
  const edit = (patch: Partial<BackupSettings>) => {
    if (!shown) return;
    setSaved(false);
    setTyped({ ...shown, ...patch });
  };
  const numberField = (name: 'everyHours' | 'keepDaily' | 'keepWeekly', min: number, max: number) => (
    <NumberInput
      label={t(`backup.${name}`)}
      min={min}
      max={max}
      value={shown?.[name] ?? ''}
      onChange={(value) => edit({ [name]: Number(value) || min })}
      disabled={!shown}
    />
  );
  const save = useSubmit(async () => {
    if (!shown) return;
    setStatus(await call('backup.settings.set', shown));
    setTyped(null);
    setSaved(true);
  });
  const backupNow = useSubmit(async () => {
    const made = await call('backup.now', {});
    await load();
    notifyDone(t('backup.made', { file: made.file }));
  });
  const restore = useSubmit(async () => {
    if (!confirming) return;
    setStatus(await call('backup.restore', { file: confirming }));
    setConfirming(null);
    notifyDone(t('backup.restoreScheduled'), { warning: true });
  });
  const runCheck = useSubmit(async () => {
    setCheck(null);
    setCheck(await call('backup.check', {}));
  });

  return (
    <Stack gap="sm">
      <Title order={3}>{t('backup.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('backup.intro')}
      </Text>
      {failure !== null ? <ErrorAlert error={failure} /> : null}
      {status?.lastError ? (
        <Alert color="red" variant="light" data-testid="backup-last-error">
          {status.lastError}
        </Alert>
      ) : null}
      {status?.pendingRestore ? (
        <Alert color="orange" variant="light" data-testid="backup-pending-restore">
          {t('backup.pendingRestore', { file: status.pendingRestore })}
        </Alert>
      ) : null}
      <Paper withBorder p="md" radius="sm" component="form" onSubmit={save.submit} noValidate data-testid="backup">
        <Stack gap="sm">
          <TextInput
            label={t('backup.folder')}
            description={t('backup.folderHint', { folder: status?.folder ?? '' })}
            value={shown?.folder ?? ''}
            onChange={(event) => edit({ folder: event.currentTarget.value })}
            disabled={!shown}
            data-testid="backup-folder"
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {numberField('everyHours', 1, 168)}
            {numberField('keepDaily', 1, 60)}
            {numberField('keepWeekly', 0, 52)}
          </SimpleGrid>
          <SaveRow
            failure={save.failure}
            busy={save.busy}
            saved={saved}
            label={t('backup.save')}
            savedLabel={t('backup.saved')}
            testId="backup-save"
          />
        </Stack>
      </Paper>
      <Group>
        <Button onClick={() => void backupNow.run()} loading={backupNow.busy} data-testid="backup-now">
          {t('backup.now')}
        </Button>
        <Button
          variant="default"
          onClick={() => void runCheck.run()}
          loading={runCheck.busy}
          data-testid="backup-check"
        >
          {t('backup.check')}
        </Button>
      </Group>
      {backupNow.failure !== null ? <ErrorAlert error={backupNow.failure} /> : null}
      {runCheck.failure !== null ? <ErrorAlert error={runCheck.failure} /> : null}
      {check ? (
        <Alert color={check.ok ? 'teal' : 'red'} variant="light" role="status" data-testid="backup-check-result">
          {check.ok ? t('backup.checkOk') : t('backup.checkProblems', { problems: check.problems.join('; ') })}
        </Alert>
      ) : null}
      {status?.inOffice && status.backups.length > 0 ? (
        <Alert color="blue" variant="light" data-testid="backup-office-note">
          {t('backup.officeNote')}
        </Alert>
      ) : null}
      {status && status.backups.length > 0 ? (
        <Table striped data-testid="backup-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('backup.at')}</Table.Th>
              <Table.Th>{t('backup.reason')}</Table.Th>
              <Table.Th>{t('backup.size')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {status.backups.map((backup) => (
              <Table.Tr key={backup.file} data-testid="backup-row">
                <Table.Td>{formatPortalDate(backup.at)}</Table.Td>
                <Table.Td>{t(`backup.reasons.${backup.reason}`)}</Table.Td>
                <Table.Td>{megabytes(backup.bytes, i18n.language)}</Table.Td>
                <Table.Td>
                  {confirming === backup.file ? (
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="compact-sm"
                        color="orange"
                        onClick={() => void restore.run()}
                        loading={restore.busy}
                        data-testid="backup-restore-confirm"
                      >
                        {t('backup.restoreConfirm')}
                      </Button>
                      <Button size="compact-sm" variant="subtle" onClick={() => setConfirming(null)}>
                        {t('backup.cancel')}
                      </Button>
                    </Group>
                  ) : (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => setConfirming(backup.file)}
                      data-testid="backup-restore"
                    >
                      {t('backup.restore')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : status ? (
        <Text size="sm" c="dimmed">
          {t('backup.none')}
        </Text>
      ) : null}
      {restore.failure !== null ? <ErrorAlert error={restore.failure} /> : null}
    </Stack>
  );
}
