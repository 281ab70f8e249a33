import { Alert, Button, Group, Loader, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../../shared/publishing';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { PagePreview } from './PagePreview';
import { notifyDone } from '../components/notify';

/** The site's copy and ours side by side; nothing is overwritten until someone chooses. */
export function ConflictDialog({ entryId, onClose }: { entryId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setConflict(null);
    setError(null);
    if (entryId === null) return;
    call('publishing.conflict', { entryId }).then(setConflict, setError);
  }, [entryId]);

  const resolve = async (choice: 'overwrite' | 'keepRemote') => {
    if (entryId === null) return;
    setBusy(true);
    try {
      await call('publishing.resolve', { entryId, choice });
      onClose();
      notifyDone(t(choice === 'overwrite' ? 'publishing.resolvedOverwrite' : 'publishing.resolvedKeepRemote'));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={entryId !== null} onClose={onClose} title={t('publishing.conflictTitle')} size="100%">
      <Stack data-testid="conflict-dialog">
        <Alert color="orange" variant="light">
          {t('publishing.conflictIntro')}
        </Alert>
        {error !== null ? <ErrorAlert error={error} /> : null}
        {conflict === null ? (
          error === null ? (
            <Loader aria-label={t('app.loading')} />
          ) : null
        ) : (
          <SimpleGrid cols={2}>
            <Stack gap="xs">
              <Title order={4}>{t('publishing.remoteVersion')}</Title>
              {conflict.remote ? (
                <>
                  <Text fw={600} data-testid="conflict-remote-title">
                    {conflict.remote.title}
                  </Text>
                  <PagePreview html={conflict.remote.html} title={t('publishing.remoteVersion')} height={420} />
                </>
              ) : (
                <Text c="dimmed">{t('publishing.remoteGone')}</Text>
              )}
            </Stack>
            <Stack gap="xs">
              <Title order={4}>{t('publishing.localVersion')}</Title>
              <Text fw={600} data-testid="conflict-local-title">
                {conflict.local.title}
              </Text>
              <PagePreview html={conflict.local.html} title={t('publishing.localVersion')} height={420} />
            </Stack>
          </SimpleGrid>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void resolve('keepRemote')} loading={busy} disabled={!conflict}>
            {t('publishing.keepRemote')}
          </Button>
          <Button color="orange" onClick={() => void resolve('overwrite')} loading={busy} disabled={!conflict}>
            {t('publishing.overwrite')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
