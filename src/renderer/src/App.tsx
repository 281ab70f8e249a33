import { AppShell, Badge, Button, Center, Container, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/domain';
import { call, getSession, isApiError, onSessionChange, setSession } from './api';
import { flushAll } from './autosave/registry';
import { ErrorAlert } from './components/ErrorAlert';
import { LanguageSwitch } from './components/LanguageSwitch';
import { useRoute } from './router';
import { ArticleListScreen } from './screens/ArticleListScreen';
import { EditorScreen } from './screens/EditorScreen';
import { LoginForm } from './screens/LoginForm';
import { LoginScreen } from './screens/LoginScreen';
import { SetupScreen } from './screens/SetupScreen';

type Phase =
  | { kind: 'loading' }
  | { kind: 'unreachable'; error: unknown }
  | { kind: 'setup' }
  | { kind: 'signin' }
  | { kind: 'ready'; user: User };

export function App() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [expired, setExpired] = useState(false);
  const [route, navigate] = useRoute();
  const userRef = useRef<User | null>(null);

  const boot = useCallback(async () => {
    setPhase({ kind: 'loading' });
    try {
      const { needsAdmin } = await call('setup.status', {});
      if (needsAdmin) {
        setSession(null);
        setPhase({ kind: 'setup' });
        return;
      }
      if (getSession()) {
        try {
          const user = await call('auth.me', {});
          userRef.current = user;
          setPhase({ kind: 'ready', user });
          return;
        } catch (error) {
          if (!isApiError(error) || error.code !== 'UNAUTHENTICATED') throw error;
        }
      }
      setPhase({ kind: 'signin' });
    } catch (error) {
      setPhase({ kind: 'unreachable', error });
    }
  }, []);

  useEffect(() => {
    void boot();
  }, [boot]);

  // A session that ends while a screen is open is renewed in a dialog, so unsaved text stays put.
  useEffect(() => onSessionChange((_session, reason) => setExpired(reason === 'expired')), []);

  const signedIn = useCallback(
    (user: User) => {
      if (userRef.current && userRef.current.id !== user.id) navigate({ name: 'list' });
      userRef.current = user;
      setExpired(false);
      setPhase({ kind: 'ready', user });
      // Saves that failed while signed out go through now rather than at the next retry.
      void flushAll();
    },
    [navigate],
  );

  async function signOut() {
    await flushAll();
    try {
      await call('auth.logout', {});
    } catch {
      // The session is forgotten locally either way.
    }
    setSession(null);
    userRef.current = null;
    navigate({ name: 'list' });
    setPhase({ kind: 'signin' });
  }

  const user = phase.kind === 'ready' ? phase.user : null;

  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Title order={3} c="indigo.8">
              {t('app.name')}
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="sm">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {user ? (
              <Group gap={6} wrap="nowrap" visibleFrom="xs">
                <Text size="sm" fw={500} data-testid="current-user">
                  {user.displayName}
                </Text>
                <Badge variant="outline" radius="sm" size="sm">
                  {t(`roles.${user.role}`)}
                </Badge>
              </Group>
            ) : null}
            <LanguageSwitch />
            {user ? (
              <Button variant="default" size="xs" onClick={() => void signOut()} data-testid="logout">
                {t('app.signOut')}
              </Button>
            ) : null}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Main>
        <Container size="lg">
          {phase.kind === 'loading' ? (
            <Center py="xl">
              <Loader aria-label={t('app.loading')} />
            </Center>
          ) : phase.kind === 'unreachable' ? (
            <Stack maw={560} mx="auto" py="xl">
              <ErrorAlert error={phase.error} title={t('app.unreachable')} />
              <Button variant="light" onClick={() => void boot()} style={{ alignSelf: 'flex-start' }}>
                {t('app.retry')}
              </Button>
            </Stack>
          ) : phase.kind === 'setup' ? (
            <SetupScreen onDone={signedIn} />
          ) : phase.kind === 'signin' ? (
            <LoginScreen onSignedIn={signedIn} />
          ) : route.name === 'article' ? (
            <EditorScreen id={route.id} onBack={() => navigate({ name: 'list' })} />
          ) : (
            <ArticleListScreen onOpen={(id) => navigate({ name: 'article', id })} />
          )}
        </Container>
      </AppShell.Main>

      <Modal
        opened={expired && phase.kind === 'ready'}
        onClose={() => undefined}
        withCloseButton={false}
        closeOnClickOutside={false}
        closeOnEscape={false}
        title={t('login.expiredTitle')}
        centered
      >
        <Stack gap="sm">
          <Text size="sm">{t('login.expired')}</Text>
          <LoginForm onSignedIn={signedIn} initialUsername={user?.username ?? ''} />
        </Stack>
      </Modal>
    </AppShell>
  );
}
