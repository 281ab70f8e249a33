import { Center, Loader, Paper, Radio, Stack, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SELF_APPROVAL_POLICIES, type SelfApprovalPolicy } from '../../../shared/workflow';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { SaveRow } from '../components/SaveRow';

/** Administrators: whether a head may sign off an article she wrote herself. The core enforces it. */
export function SelfApprovalSetting() {
  const { t } = useTranslation();
  const [policy, setPolicy] = useState<SelfApprovalPolicy | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    call('workflow.settings.get', {}).then((settings) => setPolicy(settings.selfApproval), setFailure);
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!policy) return;
    setBusy(true);
    setFailure(null);
    setSaved(false);
    try {
      setPolicy((await call('workflow.settings.set', { selfApproval: policy })).selfApproval);
      setSaved(true);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm">
      <Title order={3}>{t('selfApproval.title')}</Title>
      {policy === null ? (
        failure !== null ? (
          <ErrorAlert error={failure} />
        ) : (
          <Center py="md">
            <Loader size="sm" aria-label={t('app.loading')} />
          </Center>
        )
      ) : (
        <Paper withBorder p="md" radius="sm" component="form" onSubmit={save} noValidate data-testid="self-approval">
          <Stack gap="md">
            <Radio.Group
              label={t('selfApproval.label')}
              value={policy}
              onChange={(value) => setPolicy(value as SelfApprovalPolicy)}
            >
              <Stack gap={6} mt={6}>
                {SELF_APPROVAL_POLICIES.map((value) => (
                  <Radio key={value} value={value} label={t(`selfApproval.${value}`)} />
                ))}
              </Stack>
            </Radio.Group>
            <SaveRow
              failure={failure}
              busy={busy}
              saved={saved}
              label={t('selfApproval.save')}
              savedLabel={t('selfApproval.saved')}
              testId="self-approval-save"
            />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
