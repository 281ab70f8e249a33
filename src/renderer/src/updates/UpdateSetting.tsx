import { Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { notifyDone } from '../components/notify';
import { SaveRow } from '../components/SaveRow';
import { useSubmit } from '../components/useSubmit';

/** Administrators: where the desktop app looks for new versions (empty: no automatic updates). */
export function UpdateSetting() {
  const { t } = useTranslation();
  const [feedUrl, setFeedUrl] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void call('updates.get', {}).then(
      (settings) => setFeedUrl((typed) => typed ?? settings.feedUrl),
      () => setFeedUrl((typed) => typed ?? ''),
    );
  }, []);
  const save = useSubmit(async () => {
    setSaved(false);
    const stored = await call('updates.set', { feedUrl: feedUrl ?? '' });
    setFeedUrl(stored.feedUrl);
    setSaved(true);
    notifyDone(t('updates.saved'));
  });

  return (
    <Stack gap="sm">
      <Title order={3}>{t('updates.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('updates.intro')}
      </Text>
      <Paper withBorder p="md" radius="sm" component="form" onSubmit={save.submit} noValidate data-testid="updates">
        <Stack gap="sm">
          <TextInput
            label={t('updates.feedUrl')}
            description={t('updates.feedUrlHint')}
            placeholder="https://"
            value={feedUrl ?? ''}
            disabled={feedUrl === null}
            onChange={(event) => {
              setSaved(false);
              setFeedUrl(event.currentTarget.value);
            }}
            data-testid="updates-feed-url"
          />
          <SaveRow
            failure={save.failure}
            busy={save.busy}
            saved={saved}
            label={t('updates.save')}
            savedLabel={t('updates.saved')}
            testId="updates-save"
          />
        </Stack>
      </Paper>
    </Stack>
  );
}
