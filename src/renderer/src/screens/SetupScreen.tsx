import { Anchor, Button, PasswordInput, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, passwordSchema, usernameSchema, type User } from '../../../shared/domain';
import { call, setSession } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { saveOrganisation, useOrganisation } from '../components/organisation';
import { useSubmit } from '../components/useSubmit';
import { CenteredCard } from './CenteredCard';

interface Fields {
  username: string;
  displayName: string;
  password: string;
  repeat: string;
  byline: string;
  /** null until typed: the office's name is shown. */
  unit: string | null;
}

type FieldErrors = Partial<Record<keyof Fields, string>>;

/**
 * First run: no account exists yet, so the person at the keyboard creates the administrator, or,
 * on a new workstation of an existing office, joins it with an invitation (the accounts come down).
 */
export function SetupScreen({ onDone, onJoined }: { onDone: (user: User) => void; onJoined: () => void }) {
  const [joining, setJoining] = useState(false);
  return joining ? (
    <JoinOffice onJoined={onJoined} onBack={() => setJoining(false)} />
  ) : (
    <FirstAdmin onDone={onDone} onJoin={() => setJoining(true)} />
  );
}

function JoinOffice({ onJoined, onBack }: { onJoined: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [invitation, setInvitation] = useState('');
  const join = useSubmit(async () => {
    await call('office.join', { invitation });
    onJoined();
  });

  return (
    <CenteredCard title={t('setup.joinTitle')} intro={t('setup.joinIntro')}>
      <form onSubmit={join.submit} noValidate data-testid="join-form">
        <Stack gap="sm">
          {join.failure !== null ? <ErrorAlert error={join.failure} /> : null}
          <Textarea
            label={t('setup.invitation')}
            placeholder="bientap-moi:…"
            autosize
            minRows={3}
            required
            value={invitation}
            onChange={(event) => setInvitation(event.currentTarget.value)}
            data-testid="join-invitation"
          />
          <Button type="submit" loading={join.busy} disabled={!invitation.trim()} data-testid="join-submit">
            {t('setup.joinSubmit')}
          </Button>
          <Anchor component="button" type="button" size="sm" onClick={onBack}>
            {t('setup.backToSetup')}
          </Anchor>
        </Stack>
      </form>
    </CenteredCard>
  );
}

function FirstAdmin({ onDone, onJoin }: { onDone: (user: User) => void; onJoin: () => void }) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<Fields>({
    username: '',
    displayName: '',
    password: '',
    repeat: '',
    byline: '',
    unit: null,
  });
  const { loaded: _loaded, ...organisation } = useOrganisation();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const bind = (name: keyof Fields) => ({
    value: fields[name] ?? '',
    error: errors[name],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setFields((prev) => ({ ...prev, [name]: value }));
    },
  });

  function validate(): FieldErrors {
    const found: FieldErrors = {};
    if (!usernameSchema.safeParse(fields.username).success) found.username = t('validation.usernameFormat');
    if (!fields.displayName.trim()) found.displayName = t('validation.required');
    if (!passwordSchema.safeParse(fields.password).success) {
      found.password = t('validation.passwordTooShort', { min: LIMITS.password.min });
    }
    if (fields.repeat !== fields.password) found.repeat = t('validation.passwordMismatch');
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(null);
    const unit = (fields.unit ?? organisation.name).trim();
    try {
      const result = await call('setup.createAdmin', {
        username: fields.username.trim(),
        displayName: fields.displayName.trim(),
        password: fields.password,
        byline: fields.byline.trim() || undefined,
        unit: unit || undefined,
      });
      setSession(result.session);
      // The first administrator names the office once: every byline, the header and the slip use it.
      if (unit !== organisation.name && unit.length >= 2) {
        await saveOrganisation({ ...organisation, name: unit }).catch(() => undefined);
      }
      onDone(result.user);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <CenteredCard title={t('setup.title')} intro={t('setup.intro')}>
      <form onSubmit={submit} noValidate data-testid="setup-form">
        <Stack gap="sm">
          {failure !== null ? <ErrorAlert error={failure} /> : null}
          <TextInput
            label={t('setup.username')}
            description={t('setup.usernameHint')}
            autoComplete="username"
            required
            data-testid="setup-username"
            {...bind('username')}
          />
          <TextInput
            label={t('setup.displayName')}
            autoComplete="name"
            required
            data-testid="setup-display-name"
            {...bind('displayName')}
          />
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': t('app.togglePassword') }}
            label={t('setup.password')}
            description={t('setup.passwordHint', { min: LIMITS.password.min })}
            autoComplete="new-password"
            required
            data-testid="setup-password"
            {...bind('password')}
          />
          <PasswordInput
            visibilityToggleButtonProps={{ 'aria-label': t('app.togglePassword') }}
            label={t('setup.passwordRepeat')}
            autoComplete="new-password"
            required
            data-testid="setup-password-repeat"
            {...bind('repeat')}
          />
          <TextInput label={t('setup.byline')} description={t('setup.bylineHint')} {...bind('byline')} />
          <TextInput
            label={t('setup.unit')}
            description={t('setup.unitHint')}
            data-testid="setup-unit"
            {...bind('unit')}
            value={fields.unit ?? organisation.name}
          />
          <Button type="submit" loading={busy} mt="sm" data-testid="setup-submit">
            {t('setup.submit')}
          </Button>
          <Anchor component="button" type="button" size="sm" onClick={onJoin} data-testid="setup-join">
            {t('setup.join')}
          </Anchor>
        </Stack>
      </form>
    </CenteredCard>
  );
}
