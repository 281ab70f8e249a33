import {
  Alert,
  Button,
  Center,
  Code,
  CopyButton,
  Loader,
  NumberInput,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useSubmit } from '../components/useSubmit';

type Info = MethodOutput<'office.info'>;

/**
 * Settings → the shared office, for the administrator: on a workstation in no office, the office key
 * the server is started with and "Tạo phòng làm việc chung"; on the workstation that made the office,
 * invitations for new workstations, one line each to copy. The core checks every step.
 */
export function OfficeScreen() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<Info | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setInfo(await call('office.info', {}));
    } catch (error) {
      setFailure(error);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Stack gap="md" maw={760} data-testid="office-screen">
      <Title order={2}>{t('office.screenTitle')}</Title>
      {failure !== null ? <ErrorAlert error={failure} /> : null}
      {notice ? (
        <Alert color="teal" data-testid="office-notice">
          {notice}
        </Alert>
      ) : null}
      {info === null ? (
        failure === null ? (
          <Center py="xl">
            <Loader aria-label={t('app.loading')} />
          </Center>
        ) : null
      ) : info.membership === 'none' ? (
        <CreateOffice
          officeKey={info.officeKey}
          onKey={(officeKey) => setInfo({ ...info, officeKey })}
          onCreated={(text) => {
            setNotice(text);
            void load();
          }}
        />
      ) : (
        <>
          <Text data-testid="office-membership">
            {t(info.membership === 'holder' ? 'office.holder' : 'office.member', { server: info.server })}
          </Text>
          {info.membership === 'holder' ? <Invite /> : null}
        </>
      )}
    </Stack>
  );
}

function CreateOffice({
  officeKey,
  onKey,
  onCreated,
}: {
  officeKey: string | null;
  onKey: (officeKey: string) => void;
  onCreated: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const [server, setServer] = useState('');
  const [cert, setCert] = useState('');
  const [password, setPassword] = useState('');
  const makeKey = useSubmit(async () => onKey((await call('office.prepare', {})).officeKey));
  const create = useSubmit(async () => {
    const created = await call('office.create', { server, cert, password });
    setPassword('');
    onCreated(t('office.created', { server: created.server, count: created.accounts }));
  });
  const failure = makeKey.failure ?? create.failure;

  return (
    <Stack gap="md">
      <Text size="sm">{t('office.intro')}</Text>
      {failure !== null ? <ErrorAlert error={failure} /> : null}
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={4}>{t('office.keyTitle')}</Title>
          {officeKey ? (
            <>
              <Text size="sm">{t('office.keyIntro')}</Text>
              <Code block data-testid="office-server-command">
                {`npm run server -- --data <thư-mục-dữ-liệu> --port 7443 --host 0.0.0.0 --office ${officeKey}`}
              </Code>
            </>
          ) : (
            <Button
              variant="light"
              onClick={() => void makeKey.run()}
              loading={makeKey.busy}
              data-testid="office-make-key"
            >
              {t('office.makeKey')}
            </Button>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <form onSubmit={create.submit} data-testid="office-create-form">
          <Stack gap="sm">
            <Title order={4}>{t('office.createTitle')}</Title>
            <Text size="sm">{t('office.createIntro')}</Text>
            <TextInput
              label={t('office.serverUrl')}
              placeholder="wss://192.168.1.10:7443"
              value={server}
              onChange={(event) => setServer(event.currentTarget.value)}
              required
              data-testid="office-server-url"
            />
            <TextInput
              label={t('office.serverCert')}
              placeholder="sha256:…"
              value={cert}
              onChange={(event) => setCert(event.currentTarget.value)}
              required
              data-testid="office-server-cert"
            />
            <OwnPassword value={password} onChange={setPassword} testId="office-password" />
            <Button type="submit" loading={create.busy} disabled={!officeKey} data-testid="office-create">
              {t('office.create')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

function Invite() {
  const { t, i18n } = useTranslation();
  const [password, setPassword] = useState('');
  const [hours, setHours] = useState<number | string>(72);
  const [made, setMade] = useState<MethodOutput<'office.invite'> | null>(null);
  const invite = useSubmit(async () => {
    setMade(null);
    setMade(await call('office.invite', { password, hours: Number(hours) || 72 }));
    setPassword('');
  });

  const expires = made
    ? new Date(made.expiresAt).toLocaleString(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', {
        dateStyle: 'short',
        timeStyle: 'short',
      })
    : '';
  return (
    <Paper withBorder p="md">
      <form onSubmit={invite.submit} data-testid="office-invite-form">
        <Stack gap="sm">
          <Title order={4}>{t('office.inviteTitle')}</Title>
          <Text size="sm">{t('office.inviteIntro')}</Text>
          {invite.failure !== null ? <ErrorAlert error={invite.failure} /> : null}
          <NumberInput
            label={t('office.inviteHours')}
            min={1}
            max={720}
            value={hours}
            onChange={setHours}
            w={200}
            data-testid="office-invite-hours"
          />
          <OwnPassword value={password} onChange={setPassword} testId="office-invite-password" />
          <Button type="submit" loading={invite.busy} style={{ alignSelf: 'flex-start' }} data-testid="office-invite">
            {t('office.invite')}
          </Button>
          {made ? (
            <Stack gap={4}>
              <Textarea
                label={t('office.invitation', { time: expires })}
                value={made.line}
                readOnly
                autosize
                minRows={2}
                onFocus={(event) => event.currentTarget.select()}
                data-testid="office-invitation"
              />
              <CopyButton value={made.line}>
                {({ copied, copy }) => (
                  <Button variant="light" size="xs" onClick={copy} style={{ alignSelf: 'flex-start' }}>
                    {copied ? t('office.copied') : t('office.copy')}
                  </Button>
                )}
              </CopyButton>
            </Stack>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}

/** The signed-in administrator's own password, asked again for what her key must sign. */
function OwnPassword({
  value,
  onChange,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      visibilityToggleButtonProps={{ 'aria-label': t('app.togglePassword') }}
      label={t('office.yourPassword')}
      autoComplete="current-password"
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      required
      data-testid={testId}
    />
  );
}
