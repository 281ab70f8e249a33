import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, passwordSchema, usernameSchema, type User } from '../../../shared/domain';
import { call, setSession } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { CenteredCard } from './CenteredCard';

interface Fields {
  username: string;
  displayName: string;
  password: string;
  repeat: string;
  byline: string;
  unit: string;
}

type FieldErrors = Partial<Record<keyof Fields, string>>;

/** First run: no account exists yet, so the person at the keyboard creates the administrator. */
export function SetupScreen({ onDone }: { onDone: (user: User) => void }) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<Fields>({
    username: '',
    displayName: '',
    password: '',
    repeat: '',
    byline: '',
    unit: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const bind = (name: keyof Fields) => ({
    value: fields[name],
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
    try {
      const result = await call('setup.createAdmin', {
        username: fields.username.trim(),
        displayName: fields.displayName.trim(),
        password: fields.password,
        byline: fields.byline.trim() || undefined,
        unit: fields.unit.trim() || undefined,
      });
      setSession(result.session);
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
          <TextInput label={t('setup.unit')} placeholder={t('setup.unitPlaceholder')} {...bind('unit')} />
          <Button type="submit" loading={busy} mt="sm" data-testid="setup-submit">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </CenteredCard>
  );
}
