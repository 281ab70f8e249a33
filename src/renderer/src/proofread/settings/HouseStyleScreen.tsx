import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseStyle } from '../../../../shared/proofreadApi';
import { call } from '../../api';
import { BackupSetting } from '../../backup/BackupSetting';
import { ExportLogSection } from '../../components/ExportLogButton';
import { CategorySetting } from '../../categories/CategorySetting';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrganisationSetting } from '../../components/OrganisationSetting';
import { SelfApprovalSetting } from '../../review/SelfApprovalSetting';
import { HouseStyleForm } from './HouseStyleForm';
import { LexiconEditor } from './LexiconEditor';
import { UpdateSetting } from '../../updates/UpdateSetting';

/** Administrators: the office's house style for proofreading and its lexicon. */
export function HouseStyleScreen() {
  const { t } = useTranslation();
  const [style, setStyle] = useState<HouseStyle | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    call('proofread.settings.get', {}).then(setStyle, setFailure);
  }, []);

  return (
    <Stack gap="md" maw={760} data-testid="house-style-screen">
      <Title order={2}>{t('houseStyle.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('houseStyle.intro')}
      </Text>
      {failure !== null ? <ErrorAlert error={failure} /> : null}
      {style ? (
        <HouseStyleForm initial={style} />
      ) : failure === null ? (
        <Center py="md">
          <Loader size="sm" aria-label={t('app.loading')} />
        </Center>
      ) : null}
      <Title order={3}>{t('houseStyle.lexicon')}</Title>
      <LexiconEditor />
      <SelfApprovalSetting />
      <OrganisationSetting />
      <CategorySetting />
      <BackupSetting />
      <UpdateSetting />
      <ExportLogSection />
    </Stack>
  );
}
