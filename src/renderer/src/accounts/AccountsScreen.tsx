import { Badge, Button, Center, Group, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useMe } from '../components/me';
import { AccountForm, ResetPasswordForm } from './AccountForms';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'reset'; user: User } | null;

/** Administrators: every account, with create, edit, disable/enable and password reset. */
export function AccountsScreen() {
  const { t } = useTranslation();
  const me = useMe();
  const [users, setUsers] = useState<User[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setUsers((await call('users.list', {})).items);
      setFailure(null);
    } catch (error) {
      setFailure(error);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function toggle(user: User) {
    setBusyId(user.id);
    setFailure(null);
    try {
      await call(user.disabled ? 'users.enable' : 'users.disable', { id: user.id });
      await load();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusyId(null);
    }
  }

  const closed = () => {
    setDialog(null);
    void load();
  };

  return (
    <Stack gap="md" data-testid="accounts-screen">
      <Group justify="space-between">
        <Title order={2}>{t('accounts.title')}</Title>
        <Button onClick={() => setDialog({ kind: 'create' })} data-testid="account-create">
          {t('accounts.create')}
        </Button>
      </Group>
      {failure !== null ? <ErrorAlert error={failure} /> : null}
      {users === null ? (
        failure === null ? (
          <Center py="xl">
            <Loader aria-label={t('app.loading')} />
          </Center>
        ) : null
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" aria-label={t('accounts.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('accounts.displayName')}</Table.Th>
                <Table.Th>{t('accounts.username')}</Table.Th>
                <Table.Th>{t('accounts.role')}</Table.Th>
                <Table.Th>{t('accounts.unit')}</Table.Th>
                <Table.Th>{t('accounts.state')}</Table.Th>
                <Table.Th>{t('accounts.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.map((user) => (
                <Table.Tr key={user.id} data-testid="account-row">
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {user.displayName}
                    </Text>
                    {user.byline && user.byline !== user.displayName ? (
                      <Text size="xs" c="dimmed">
                        {user.byline}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{user.username}</Table.Td>
                  <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
                  <Table.Td>{user.unit}</Table.Td>
                  <Table.Td>
                    <Badge color={user.disabled ? 'red' : 'teal'} variant="light" tt="none" radius="sm">
                      {user.disabled ? t('accounts.disabled') : t('accounts.active')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" variant="default" onClick={() => setDialog({ kind: 'edit', user })}>
                        {t('accounts.edit')}
                      </Button>
                      <Button size="compact-xs" variant="default" onClick={() => setDialog({ kind: 'reset', user })}>
                        {t('accounts.resetPassword')}
                      </Button>
                      {user.id !== me?.id ? (
                        <Button
                          size="compact-xs"
                          variant="light"
                          color={user.disabled ? 'teal' : 'red'}
                          loading={busyId === user.id}
                          onClick={() => void toggle(user)}
                        >
                          {user.disabled ? t('accounts.enable') : t('accounts.disable')}
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        centered
        title={
          dialog?.kind === 'create'
            ? t('accounts.createTitle')
            : dialog?.kind === 'edit'
              ? t('accounts.editTitle')
              : dialog?.kind === 'reset'
                ? t('accounts.resetTitle', { name: dialog.user.displayName })
                : ''
        }
      >
        {dialog?.kind === 'create' ? <AccountForm onDone={closed} onCancel={() => setDialog(null)} /> : null}
        {dialog?.kind === 'edit' ? (
          <AccountForm
            user={dialog.user}
            ownAccount={dialog.user.id === me?.id}
            onDone={closed}
            onCancel={() => setDialog(null)}
          />
        ) : null}
        {dialog?.kind === 'reset' ? (
          <ResetPasswordForm user={dialog.user} onDone={closed} onCancel={() => setDialog(null)} />
        ) : null}
      </Modal>
    </Stack>
  );
}
