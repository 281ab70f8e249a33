import {
  Badge,
  Button,
  Center,
  Checkbox,
  Group,
  Loader,
  Modal,
  PasswordInput,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublishTarget, TargetKind } from '../../../shared/publishing';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { notifyDone } from '../components/notify';

interface Draft {
  id?: string;
  name: string;
  enabled: boolean;
  kind: TargetKind;
  folder: string;
  baseUrl: string;
  siteTitle: string;
  siteUrl: string;
  user: string;
  allowPlainHttp: boolean;
  secret: string;
  hasSecret: boolean;
}

const EMPTY: Draft = {
  name: '',
  enabled: true,
  kind: 'wordpress',
  folder: '',
  baseUrl: '',
  siteTitle: '',
  siteUrl: '',
  user: '',
  allowPlainHttp: false,
  secret: '',
  hasSecret: false,
};

function toDraft(target: PublishTarget): Draft {
  const config = target.config;
  return {
    ...EMPTY,
    id: target.id,
    name: target.name,
    enabled: target.enabled,
    kind: config.kind,
    hasSecret: target.hasSecret,
    ...(config.kind === 'static'
      ? { folder: config.folder, baseUrl: config.baseUrl, siteTitle: config.siteTitle }
      : { siteUrl: config.siteUrl, user: config.user, allowPlainHttp: config.allowPlainHttp }),
  };
}

/** Settings → sites: where signed articles are published. Administrators only; the core checks. */
export function SitesScreen() {
  const { t } = useTranslation();
  const [items, setItems] = useState<PublishTarget[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [draft, setDraft] = useState<Draft | null>(null);

  const reload = useCallback(async () => {
    try {
      setItems((await call('publishing.targets.list', {})).items);
    } catch (failure) {
      setError(failure);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <Stack gap="md" data-testid="sites-screen">
      <Group justify="space-between">
        <Title order={2}>{t('publishing.sitesTitle')}</Title>
        <Button onClick={() => setDraft({ ...EMPTY })} data-testid="site-add">
          {t('publishing.addSite')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('publishing.sitesIntro')}
      </Text>
      {error !== null ? <ErrorAlert error={error} /> : null}
      {items === null ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} />
        </Center>
      ) : (
        <Table aria-label={t('publishing.sitesTitle')}>
          <Table.Tbody>
            {items.map((target) => (
              <Table.Tr key={target.id} data-testid="site-row">
                <Table.Td>{target.name}</Table.Td>
                <Table.Td>{t(`publishing.kinds.${target.config.kind}`)}</Table.Td>
                <Table.Td>{target.config.kind === 'static' ? target.config.folder : target.config.siteUrl}</Table.Td>
                <Table.Td>{target.enabled ? null : <Badge color="gray">{t('publishing.disabled')}</Badge>}</Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="subtle" onClick={() => setDraft(toDraft(target))}>
                    {t('publishing.editSite')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <SiteForm
        draft={draft}
        onClose={() => setDraft(null)}
        onSaved={() => {
          setDraft(null);
          void reload();
        }}
      />
    </Stack>
  );
}

function SiteForm({ draft, onClose, onSaved }: { draft: Draft | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Draft>(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (draft) setForm(draft);
    setError(null);
  }, [draft]);
  const set = (patch: Partial<Draft>) => setForm((current) => ({ ...current, ...patch }));

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('publishing.targets.save', {
        ...(form.id ? { id: form.id } : {}),
        name: form.name,
        enabled: form.enabled,
        config:
          form.kind === 'static'
            ? { kind: 'static', folder: form.folder, baseUrl: form.baseUrl, siteTitle: form.siteTitle }
            : { kind: 'wordpress', siteUrl: form.siteUrl, user: form.user, allowPlainHttp: form.allowPlainHttp },
        ...(form.secret ? { secret: form.secret } : {}),
      });
      onSaved();
      notifyDone(t('publishing.siteSaved', { name: form.name.trim() }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={draft !== null} onClose={onClose} title={t(form.id ? 'publishing.editSite' : 'publishing.addSite')}>
      <Stack data-testid="site-form">
        {form.id ? null : (
          <SegmentedControl
            value={form.kind}
            onChange={(value) => set({ kind: value as TargetKind })}
            data={[
              { value: 'wordpress', label: t('publishing.kinds.wordpress') },
              { value: 'static', label: t('publishing.kinds.static') },
            ]}
          />
        )}
        <TextInput
          label={t('publishing.siteName')}
          value={form.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
        />
        {form.kind === 'wordpress' ? (
          <>
            <TextInput
              label={t('publishing.siteUrl')}
              placeholder="https://"
              value={form.siteUrl}
              onChange={(e) => set({ siteUrl: e.currentTarget.value })}
            />
            <Checkbox
              label={t('publishing.allowPlainHttp')}
              description={t('publishing.allowPlainHttpHint')}
              checked={form.allowPlainHttp}
              onChange={(e) => set({ allowPlainHttp: e.currentTarget.checked })}
              data-testid="site-allow-plain-http"
            />
            <TextInput
              label={t('publishing.siteUser')}
              value={form.user}
              onChange={(e) => set({ user: e.currentTarget.value })}
            />
            <PasswordInput
              label={t('publishing.appPassword')}
              description={t(form.hasSecret ? 'publishing.appPasswordKeep' : 'publishing.appPasswordHint')}
              value={form.secret}
              onChange={(e) => set({ secret: e.currentTarget.value })}
              autoComplete="new-password"
            />
          </>
        ) : (
          <>
            <TextInput
              label={t('publishing.folder')}
              value={form.folder}
              onChange={(e) => set({ folder: e.currentTarget.value })}
            />
            <TextInput
              label={t('publishing.baseUrl')}
              description={t('publishing.baseUrlHint')}
              value={form.baseUrl}
              onChange={(e) => set({ baseUrl: e.currentTarget.value })}
            />
            <TextInput
              label={t('publishing.siteTitle')}
              value={form.siteTitle}
              onChange={(e) => set({ siteTitle: e.currentTarget.value })}
            />
          </>
        )}
        <Checkbox
          label={t('publishing.enabled')}
          checked={form.enabled}
          onChange={(e) => set({ enabled: e.currentTarget.checked })}
        />
        {error !== null ? <ErrorAlert error={error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('publishing.cancel')}
          </Button>
          <Button onClick={() => void save()} loading={busy} data-testid="site-save">
            {t('publishing.saveSite')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
