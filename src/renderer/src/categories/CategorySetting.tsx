import { Checkbox, Paper, Stack, TagsInput, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CategoryList } from '../../../shared/categories';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { SaveRow } from '../components/SaveRow';
import { useSubmit } from '../components/useSubmit';
import { useCategories } from './useCategories';

/** Administrators: the categories an article may take, and whether reporters may add to them. */
export function CategorySetting() {
  const { t } = useTranslation();
  const { choices, failure, setChoices } = useCategories();
  // What is being edited; null: the stored list is shown (it may arrive after the screen opened).
  const [typed, setTyped] = useState<CategoryList | null>(null);
  const shown: CategoryList = typed ?? {
    names: choices?.names ?? [],
    reportersMayAdd: choices?.reportersMayAdd ?? false,
  };
  const [saved, setSaved] = useState(false);
  const edit = (patch: Partial<CategoryList>) => {
    setSaved(false);
    setTyped({ ...shown, ...patch });
  };
  const save = useSubmit(async () => {
    setSaved(false);
    setChoices(await call('categories.set', shown));
    setTyped(null);
    setSaved(true);
  });

  return (
    <Stack gap="sm">
      <Title order={3}>{t('categories.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('categories.intro')}
      </Text>
      {failure !== null ? <ErrorAlert error={failure} /> : null}
      <Paper withBorder p="md" radius="sm" component="form" onSubmit={save.submit} noValidate data-testid="categories">
        <Stack gap="sm">
          <TagsInput
            label={t('categories.names')}
            description={t('categories.namesHint')}
            value={shown.names}
            onChange={(names) => edit({ names: names.map((name) => name.trim()).filter(Boolean) })}
            disabled={choices === null}
            maxTags={500}
            lang="vi"
            data-testid="categories-names"
          />
          <Checkbox
            label={t('categories.reportersMayAdd')}
            checked={shown.reportersMayAdd}
            onChange={(event) => edit({ reportersMayAdd: event.currentTarget.checked })}
            disabled={choices === null}
          />
          <SaveRow
            failure={save.failure}
            busy={save.busy}
            saved={saved}
            label={t('categories.save')}
            savedLabel={t('categories.saved')}
            testId="categories-save"
          />
        </Stack>
      </Paper>
    </Stack>
  );
}
