import { AppShell, Badge, Button, Center, Container, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/domain';
import { AccountsScreen } from './accounts/AccountsScreen';
import { ChangePasswordButton } from './accounts/ChangePasswordButton';
import { call, getSession, isApiError, onSessionChange, setSession } from './api';
import { flushAll } from './autosave/registry';
import { AppNav } from './components/AppNav';
import { ErrorAlert } from './components/ErrorAlert';
import { LanguageSwitch } from './components/LanguageSwitch';
import { OfficeStatusLine } from './components/OfficeStatusLine';
import { MeContext, type Me } from './components/me';
import { HouseStyleScreen } from './proofread/settings/HouseStyleScreen';
import { PublishQueueScreen } from './publishing/PublishQueueScreen';
import { SitesScreen } from './publishing/SitesScreen';
import { useReviewQueue } from './review/useReviewQueue';
import { useRoute, type Route } from './router';
import { ArticleListScreen } from './screens/ArticleListScreen';
import { EditorScreen } from './screens/EditorScreen';
import { LoginForm } from './screens/LoginForm';
import { LoginScreen } from './screens/LoginScreen';
import { QueueScreen } from './screens/QueueScreen';
import { ReturnedScreen } from './screens/ReturnedScreen';
import { SetupScreen } from './screens/SetupScreen';
import { RecoveryScreen } from './backup/RecoveryScreen';
import { getBridge } from './bridge';
import { notifyDone } from './components/notify';
import { useAppCommands } from './shortcuts/useAppCommands';
import type { RecoveryStatus } from '../../shared/recovery';
import { ApprovalSlipScreen } from './slip/ApprovalSlipScreen';
import { useOrganisation } from './components/organisation';

// Visited once, by the administrator setting the office up: loaded when opened.
const OfficeScreen = lazy(() => import('./office/OfficeScreen').then((module) => ({ default: module.OfficeScreen })));

type Phase =
  | { kind: 'loading' }
  | { kind: 'recovery'; status: Extract<RecoveryStatus, { damaged: true }> }
  | { kind: 'unreachable'; error: unknown }
  | { kind: 'setup' }
  | { kind: 'signin' }
  | { kind: 'ready'; user: Me };

export function App() {
  const { t } = useTranslation();
  const organisation = useOrganisation();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [expired, setExpired] = useState(false);
  const [route, navigate] = useRoute();
  const userRef = useRef<User | null>(null);
  // Bumped after every sign-in so data that depends on who is signed in loads again.
  const [signInCount, setSignInCount] = useState(0);

  const boot = useCallback(async () => {
    setPhase({ kind: 'loading' });
    try {
      // A damaged data file: the core offers only the recovery screen.
      const recovery = await call('recovery.status', {});
      if (recovery.damaged) {
        setPhase({ kind: 'recovery', status: recovery });
        return;
      }
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

  // The desktop app downloaded a new version in the background; it installs at the next start.
  useEffect(
    () =>
      getBridge().on('app.updateReady', (payload) =>
        notifyDone(t('updates.downloaded', { version: (payload as { version?: string }).version ?? '' })),
      ),
    [t],
  );

  // A session that ends while a screen is open is renewed in a dialog, so unsaved text stays put.
  useEffect(() => onSessionChange((_session, reason) => setExpired(reason === 'expired')), []);

  const signedIn = useCallback(
    async (user: User) => {
      if (userRef.current && userRef.current.id !== user.id) navigate({ name: 'list' });
      userRef.current = user;
      setExpired(false);
      // The sign-in answer names the user; what they may do comes from the core's own list.
      try {
        setPhase({ kind: 'ready', user: await call('auth.me', {}) });
      } catch (error) {
        setPhase({ kind: 'unreachable', error });
        return;
      }
      setSignInCount((n) => n + 1);
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
  const queue = useReviewQueue(user !== null, signInCount);
  const can = (action: Me['can'][number]) => user?.can.includes(action) ?? false;
  const reviewer = can('article.approve') || can('article.requestChanges');
  useAppCommands({
    signedIn: user !== null,
    mayCreate: can('article.create'),
    route,
    navigate,
    queue: ((reviewer ? queue?.waiting : queue?.returned) ?? []).map((item) => item.id),
  });
  const navItems = [
    { route: { name: 'list' } as Route, label: t('nav.articles'), testId: 'nav-list' },
    ...(reviewer
      ? [
          {
            route: { name: 'queue' } as Route,
            label: t('nav.queue'),
            count: queue?.waiting.length,
            testId: 'nav-queue',
          },
        ]
      : []),
    ...(can('article.submit')
      ? [
          {
            route: { name: 'returned' } as Route,
            label: t('nav.returned'),
            count: queue?.returned.length,
            testId: 'nav-returned',
          },
        ]
      : []),
    ...(can('user.manage')
      ? [{ route: { name: 'accounts' } as Route, label: t('nav.accounts'), testId: 'nav-accounts' }]
      : []),
    ...(can('article.publish')
      ? [{ route: { name: 'publishQueue' } as Route, label: t('nav.publishQueue'), testId: 'nav-publish-queue' }]
      : []),
    ...(can('settings.manage')
      ? [{ route: { name: 'houseStyle' } as Route, label: t('nav.houseStyle'), testId: 'nav-house-style' }]
      : []),
    ...(can('settings.manage')
      ? [{ route: { name: 'sites' } as Route, label: t('nav.sites'), testId: 'nav-sites' }]
      : []),
    ...(can('settings.manage')
      ? [{ route: { name: 'office' } as Route, label: t('nav.office'), testId: 'nav-office' }]
      : []),
  ];
  const openArticle = (id: string) => navigate({ name: 'article', id });

  return (
    <MeContext.Provider value={user}>
      <AppShell header={{ height: 60 }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Title order={3} c="indigo.8">
                {t('app.name')}
              </Title>
              <Text size="sm" c="dimmed" visibleFrom="sm">
                {t('app.tagline', { name: organisation.name })}
              </Text>
            </Group>
            <Group gap="sm" wrap="nowrap">
              {user ? <OfficeStatusLine /> : null}
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
              {user ? <ChangePasswordButton /> : null}
              {user ? (
                <Button variant="default" size="xs" onClick={() => void signOut()} data-testid="logout">
                  {t('app.signOut')}
                </Button>
              ) : null}
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Main>
          <Container size="xl">
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
            ) : phase.kind === 'recovery' ? (
              <RecoveryScreen initial={phase.status} />
            ) : phase.kind === 'setup' ? (
              <SetupScreen onDone={(u) => void signedIn(u)} onJoined={() => void boot()} />
            ) : phase.kind === 'signin' ? (
              <LoginScreen onSignedIn={(u) => void signedIn(u)} />
            ) : route.name === 'slip' ? (
              <ApprovalSlipScreen id={route.id} onBack={() => navigate({ name: 'article', id: route.id })} />
            ) : (
              <>
                <AppNav items={navItems} current={route} onGo={navigate} />
                {route.name === 'article' ? (
                  <EditorScreen
                    id={route.id}
                    onBack={() => navigate({ name: 'list' })}
                    onOpenSlip={(id) => navigate({ name: 'slip', id })}
                  />
                ) : route.name === 'queue' && reviewer ? (
                  <QueueScreen kind="queue" items={queue?.waiting ?? null} onOpen={openArticle} />
                ) : route.name === 'returned' && can('article.submit') ? (
                  <ReturnedScreen items={queue?.returned ?? null} onOpen={openArticle} />
                ) : route.name === 'accounts' && can('user.manage') ? (
                  <AccountsScreen />
                ) : route.name === 'houseStyle' && can('settings.manage') ? (
                  <HouseStyleScreen />
                ) : route.name === 'publishQueue' && can('article.publish') ? (
                  <PublishQueueScreen onOpen={openArticle} />
                ) : route.name === 'sites' && can('settings.manage') ? (
                  <SitesScreen />
                ) : route.name === 'office' && can('settings.manage') ? (
                  <Suspense fallback={<Loader aria-label={t('app.loading')} />}>
                    <OfficeScreen />
                  </Suspense>
                ) : (
                  <ArticleListScreen onOpen={openArticle} />
                )}
              </>
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
            <LoginForm onSignedIn={(u) => void signedIn(u)} initialUsername={user?.username ?? ''} />
          </Stack>
        </Modal>
      </AppShell>
    </MeContext.Provider>
  );
}
