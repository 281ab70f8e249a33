import { Button, Group, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, ROLES, passwordSchema, usernameSchema, type Role, type User } from '../../../shared/domain';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { notifyDone } from '../components/notify';
import { useOrganisation } from '../components/organisation';

interface FormProps {
  /** The account to edit; without one the form creates a new account. */
  user?: User;
  /** An administrator cannot change their own role (the core refuses it too). */
  ownAccount?: boolean;
  onDone: () => void;
  onCancel: () => void;
}

export function AccountForm({ user, ownAccount = false, onDone, onCancel }: FormProps) {
  const { t } = useTranslation();
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'reporter');
  const [password, setPassword] = useState('');
  const [byline, setByline] = useState(user?.byline ?? '');
  // The unit is a real value, the office's own name until changed: it follows the byline on the site.
  const organisation = useOrganisation();
  const [unit, setUnit] = useState(user?.unit || organisation.name);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!user && !usernameSchema.safeParse(username).success) found.username = t('validation.usernameFormat');
    if (!displayName.trim()) found.displayName = t('validation.required');
    if (!user && !passwordSchema.safeParse(password).success) {
      found.password = t('validation.passwordTooShort', { min: LIMITS.password.min });
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      if (user) {
        await call('users.update', {
          id: user.id,
          displayName: displayName.trim(),
          byline: byline.trim(),
          unit: unit.trim(),
          ...(ownAccount ? {} : { role }),
        });
      } else {
        await call('users.create', {
          username: username.trim(),
          displayName: displayName.trim(),
          role,
          password,
          byline: byline.trim() || undefined,
          unit: unit.trim() || undefined,
        });
      }
      notifyDone(
        user
          ? t('accounts.updated', { name: displayName.trim() })
          : t('accounts.created', { name: displayName.trim() }),
      );
      onDone();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate data-testid="account-form">
      <Stack gap="sm">
        {failure !== null ? <ErrorAlert error={failure} /> : null}
        {user ? null : (
          <TextInput
            label={t('accounts.username')}
            description={t('setup.usernameHint')}
            required
            autoComplete="off"
            value={username}
            error={errors.username}
            onChange={(e) => setUsername(e.currentTarget.value)}
          />
        )}
        <TextInput
          label={t('accounts.displayName')}
          required
          value={displayName}
          error={errors.displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
        />
        <Select
          label={t('accounts.role')}
          required
          disabled={ownAccount}
          allowDeselect={false}
          value={role}
          onChange={(value) => value && setRole(value as Role)}
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          comboboxProps={{ withinPortal: true }}
        />
        {user ? null : (
          <PasswordInput
            label={t('accounts.password')}
            description={t('setup.passwordHint', { min: LIMITS.password.min })}
            required
            autoComplete="new-password"
            visibilityToggleButtonProps={{ 'aria-label': t('app.togglePassword') }}
            value={password}
            error={errors.password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
        )}
        <TextInput
          label={t('accounts.byline')}
          description={t('setup.bylineHint')}
          value={byline}
          onChange={(e) => setByline(e.currentTarget.value)}
        />
        <TextInput
          label={t('accounts.unit')}
          description={t('setup.unitHint')}
          value={unit}
          onChange={(e) => setUnit(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('accounts.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="account-save">
            {user ? t('accounts.save') : t('accounts.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ResetPasswordForm({
  user,
  onDone,
  onCancel,
}: {
  user: User;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!passwordSchema.safeParse(password).success) {
      setError(t('validation.passwordTooShort', { min: LIMITS.password.min }));
      return;
    }
    setError(undefined);
    setBusy(true);
    setFailure(null);
    try {
      await call('users.resetPassword', { id: user.id, password });
      onDone();
      notifyDone(t('accounts.passwordResetDone', { name: user.displayName }));
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {failure !== null ? <ErrorAlert error={failure} /> : null}
        <PasswordInput
          label={t('accounts.newPassword')}
          description={t('setup.passwordHint', { min: LIMITS.password.min })}
          required
          autoComplete="new-password"
          visibilityToggleButtonProps={{ 'aria-label': t('app.togglePassword') }}
          value={password}
          error={error}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('accounts.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('accounts.resetPassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
