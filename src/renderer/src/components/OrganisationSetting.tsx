import { Paper, Stack, TextInput, Title, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../../shared/organisation';
import { saveOrganisation, useOrganisation } from './organisation';
import { SaveRow } from './SaveRow';
import { useSubmit } from './useSubmit';

/** Administrators: the unit's name, the body above it and the place its documents are dated. */
export function OrganisationSetting() {
  const { t } = useTranslation();
  const { loaded, ...stored } = useOrganisation();
  // What is typed; null: the stored value is shown (it may arrive after the screen opened).
  const [typed, setTyped] = useState<Organisation | null>(null);
  const shown = typed ?? stored;
  const [saved, setSaved] = useState(false);
  const field = (name: keyof Organisation) => ({
    value: shown[name],
    onChange: (event: { currentTarget: { value: string } }) => {
      setSaved(false);
      setTyped({ ...shown, [name]: event.currentTarget.value });
    },
    lang: 'vi',
    disabled: !loaded,
  });
  const save = useSubmit(async () => {
    setSaved(false);
    await saveOrganisation(shown);
    setTyped(null);
    setSaved(true);
  });

  return (
    <Stack gap="sm">
      <Title order={3}>{t('organisation.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('organisation.intro')}
      </Text>
      <Paper
        withBorder
        p="md"
        radius="sm"
        component="form"
        onSubmit={save.submit}
        noValidate
        data-testid="organisation"
      >
        <Stack gap="sm">
          <TextInput label={t('organisation.name')} required data-testid="organisation-name" {...field('name')} />
          <TextInput label={t('organisation.parent')} description={t('organisation.parentHint')} {...field('parent')} />
          <TextInput label={t('organisation.place')} description={t('organisation.placeHint')} {...field('place')} />
          <SaveRow
            failure={save.failure}
            busy={save.busy}
            saved={saved}
            label={t('organisation.save')}
            savedLabel={t('organisation.saved')}
            testId="organisation-save"
          />
        </Stack>
      </Paper>
    </Stack>
  );
}
