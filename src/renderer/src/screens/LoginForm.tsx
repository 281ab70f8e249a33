import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain';
import { call, setSession } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';

/** Username and password; used by the sign-in screen and by the "session ended" dialog. */
export function LoginForm({
  onSignedIn,
  initialUsername = '',
}: {
  onSignedIn: (user: User) => void;
  initialUsername?: string;
}) {
  const { t } = useTranslation();
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const result = await call('auth.login', { username: username.trim(), password });
      setSession(result.session);
      setPassword('');
      onSignedIn(result.user);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} data-testid="login-form">
      <Stack gap="sm">
        {failure !== null ? <ErrorAlert error={failure} testId="login-error" /> : null}
        <TextInput
          label={t('login.username')}
          autoComplete="username"
          required
          data-testid="login-username"
          value={username}
          onChange={(event) => setUsername(event.currentTarget.value)}
        />
        <PasswordInput
          visibilityToggleButtonProps={{ 'aria-label': t('app.togglePassword') }}
          label={t('login.password')}
          autoComplete="current-password"
          required
          data-testid="login-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <Button type="submit" loading={busy} mt="sm" data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
