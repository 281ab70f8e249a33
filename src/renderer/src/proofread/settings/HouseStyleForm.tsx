import { Checkbox, Paper, Radio, Stack, TagsInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECKLIST_CHECKS, type HouseStyle } from '../../../../shared/proofreadApi';
import { call } from '../../api';
import { SaveRow } from '../../components/SaveRow';

type Tone = 'none' | 'old' | 'new';

/** The house tone-mark style and which checklist items block submitting and signing off. */
export function HouseStyleForm({ initial }: { initial: HouseStyle }) {
  const { t } = useTranslation();
  const [tone, setTone] = useState<Tone>(initial.toneStyle ?? 'none');
  const [blocking, setBlocking] = useState<string[]>(initial.blockingChecks);
  const [abbreviations, setAbbreviations] = useState<string[]>(initial.pressAbbreviations);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    setSaved(false);
    try {
      await call('proofread.settings.set', {
        toneStyle: tone === 'none' ? null : tone,
        blockingChecks: CHECKLIST_CHECKS.filter((check) => blocking.includes(check)),
        disabledRules: initial.disabledRules,
        pressAbbreviations: abbreviations,
      });
      setSaved(true);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" radius="sm" component="form" onSubmit={save} noValidate data-testid="house-style-form">
      <Stack gap="md">
        <Radio.Group label={t('houseStyle.tone')} value={tone} onChange={(value) => setTone(value as Tone)}>
          <Stack gap={6} mt={6}>
            <Radio value="none" label={t('houseStyle.toneNone')} />
            <Radio value="old" label={t('houseStyle.toneOld')} />
            <Radio value="new" label={t('houseStyle.toneNew')} />
          </Stack>
        </Radio.Group>
        <Checkbox.Group
          label={t('houseStyle.blocking')}
          description={t('houseStyle.blockingHint')}
          value={blocking}
          onChange={setBlocking}
        >
          <Stack gap={6} mt={6}>
            {CHECKLIST_CHECKS.map((check) => (
              <Checkbox key={check} value={check} label={t(`checklist.checks.${check}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <TagsInput
          label={t('houseStyle.abbreviations')}
          description={t('houseStyle.abbreviationsHint')}
          value={abbreviations}
          onChange={(values) =>
            setAbbreviations(values.map((value) => value.trim().toLocaleUpperCase('vi')).filter(Boolean))
          }
          maxTags={300}
          data-testid="house-style-abbreviations"
        />
        <SaveRow
          failure={failure}
          busy={busy}
          saved={saved}
          label={t('houseStyle.save')}
          savedLabel={t('houseStyle.saved')}
          testId="house-style-save"
        />
      </Stack>
    </Paper>
  );
}
