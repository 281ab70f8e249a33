import { Alert, Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, passwordSchema } from '../../../shared/domain';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';

/** Everyone may change their own password; the core re-encrypts their signing key with it. */
export function ChangePasswordButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="subtle"
        size="xs"
        onClick={() => setOpen(true)}
        data-testid="change-password"
        className="bt-no-print"
      >
        {t('nav.changePassword')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('password.title')} centered>
        {open ? <ChangePasswordForm onClose={() => setOpen(false)} /> : null}
      </Modal>
    </>
  );
}

function ChangePasswordForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ next?: string; repeat?: string }>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: typeof errors = {};
    if (!passwordSchema.safeParse(next).success)
      found.next = t('validation.passwordTooShort', { min: LIMITS.password.min });
    if (repeat !== next) found.repeat = t('validation.passwordMismatch');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      await call('auth.changePassword', { currentPassword: current, newPassword: next });
      setDone(true);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <Stack>
        <Alert color="teal" role="status">
          {t('password.done')}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose}>OK</Button>
        </Group>
      </Stack>
    );
  }

  const toggle = { 'aria-label': t('app.togglePassword') };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {failure !== null ? <ErrorAlert error={failure} /> : null}
        <PasswordInput
          label={t('password.current')}
          autoComplete="current-password"
          required
          visibilityToggleButtonProps={toggle}
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
        />
        <PasswordInput
          label={t('password.new')}
          description={t('setup.passwordHint', { min: LIMITS.password.min })}
          autoComplete="new-password"
          required
          visibilityToggleButtonProps={toggle}
          value={next}
          error={errors.next}
          onChange={(e) => setNext(e.currentTarget.value)}
        />
        <PasswordInput
          label={t('password.repeat')}
          autoComplete="new-password"
          required
          visibilityToggleButtonProps={toggle}
          value={repeat}
          error={errors.repeat}
          onChange={(e) => setRepeat(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('password.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('password.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
